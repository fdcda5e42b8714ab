/* Flex Message renderer: draws a bubble or carousel from its JSON the way the LINE app does (blocks,
   box layouts, spacing and margins, text, buttons, images, icons, separators, fillers). Built with DOM
   calls only: message content never becomes HTML. Keyword sizes are LINE's documented pixel values. */
(function () {
  "use strict";

  var SPACING = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  var TEXT_SIZE = { xxs: 11, xs: 13, sm: 14, md: 16, lg: 19, xl: 22, xxl: 29, "3xl": 35, "4xl": 48, "5xl": 74 };
  var IMAGE_SIZE = { xxs: 40, xs: 60, sm: 80, md: 100, lg: 120, xl: 140, xxl: 160, "3xl": 180, "4xl": 200, "5xl": 240 };
  var BUBBLE_WIDTH = { nano: 120, micro: 160, deca: 220, hecto: 241, kilo: 260, mega: 300, giga: 300 };
  var BORDER = { none: 0, light: 0.5, normal: 1, medium: 2, "semi-bold": 3, bold: 4 };
  var RADIUS = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
  var BLOCK_PADDING = { header: "20px", hero: "0", body: "20px", footer: "10px" };
  var BUTTON = {
    primary: { bg: "#17c950", fg: "#ffffff" },
    secondary: { bg: "#dcdfe5", fg: "#111111" },
    link: { bg: "transparent", fg: "#42659a" }
  };

  function px(value, table) {
    if (value === undefined || value === null) return null;
    if (table && Object.prototype.hasOwnProperty.call(table, value)) return table[value] + "px";
    return String(value); // "12px", "30%"
  }

  function el(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  function Renderer(onAction) {
    this.onAction = onAction || function () {};
  }

  Renderer.prototype.render = function (container) {
    if (!container) return el("div");
    if (container.type === "carousel") {
      var carousel = el("div", "flex-carousel");
      (container.contents || []).forEach(function (bubble) { carousel.appendChild(this.bubble(bubble)); }, this);
      return carousel;
    }
    return this.bubble(container);
  };

  Renderer.prototype.bubble = function (bubble) {
    var node = el("div", "flex-bubble");
    node.style.width = (BUBBLE_WIDTH[bubble.size] || BUBBLE_WIDTH.mega) + "px";
    if (bubble.size === "giga") node.style.width = "100%";
    if (bubble.direction === "rtl") node.style.direction = "rtl";
    var styles = bubble.styles || {};
    var first = true;
    ["header", "hero", "body", "footer"].forEach(function (name) {
      var block = bubble[name];
      if (!block) return;
      var style = styles[name] || {};
      var wrap = el("div", "flex-block flex-" + name);
      if (style.backgroundColor) wrap.style.backgroundColor = style.backgroundColor;
      if (style.separator && !first) wrap.style.borderTop = "1px solid " + (style.separatorColor || "#e8e9ec");
      if (name === "body" || (name === "hero" && !bubble.body)) wrap.style.flex = "1 1 auto";
      // The block's default padding belongs to its top box, so the box's background fills the block.
      wrap.appendChild(block.type === "box" ? this.component(block, "vertical", true, BLOCK_PADDING[name])
                                            : this.component(block, "vertical", true));
      node.appendChild(wrap);
      first = false;
    }, this);
    this.bindAction(node, bubble.action);
    return node;
  };

  Renderer.prototype.component = function (c, parentLayout, isFirst, blockPadding) {
    var make = {
      box: this.box, text: this.text, button: this.button, image: this.image, icon: this.icon,
      separator: this.separator, filler: this.filler, video: this.video, span: this.text
    }[c.type];
    var node = make ? make.call(this, c, parentLayout, blockPadding) : el("div");
    this.place(node, c, parentLayout, isFirst);
    return node;
  };

  /* What every component shares: flex ratio, margin, offsets, gravity. */
  Renderer.prototype.place = function (node, c, parentLayout, isFirst) {
    var horizontal = parentLayout === "horizontal" || parentLayout === "baseline";
    // LINE's defaults: flex 1 in horizontal and baseline boxes, 0 in vertical ones; icons never stretch.
    var stretches = horizontal && c.type !== "separator" && c.type !== "icon";
    var flex = c.flex !== undefined ? c.flex : (stretches ? 1 : 0);
    if (c.type === "filler") flex = c.flex !== undefined ? c.flex : 1;
    node.style.flex = flex > 0 ? flex + " 1 0%" : "0 0 auto";
    if (c.margin !== undefined && !isFirst) node.style[horizontal ? "marginLeft" : "marginTop"] = px(c.margin, SPACING);
    if (c.position === "absolute") node.style.position = "absolute";
    else if (c.offsetTop || c.offsetBottom || c.offsetStart || c.offsetEnd) node.style.position = "relative";
    ["Top", "Bottom"].forEach(function (side) {
      if (c["offset" + side]) node.style[side.toLowerCase()] = px(c["offset" + side], SPACING);
    });
    if (c.offsetStart) node.style.left = px(c.offsetStart, SPACING);
    if (c.offsetEnd) node.style.right = px(c.offsetEnd, SPACING);
    if (c.gravity && horizontal) {
      node.style.alignSelf = { top: "flex-start", center: "center", bottom: "flex-end" }[c.gravity];
    }
  };

  Renderer.prototype.box = function (box, parentLayout, blockPadding) {
    var node = el("div", "flex-box flex-" + box.layout);
    var horizontal = box.layout !== "vertical";
    node.style.display = "flex";
    node.style.flexDirection = horizontal ? "row" : "column";
    if (box.layout === "baseline") node.style.alignItems = "baseline";
    if (box.justifyContent) node.style.justifyContent = box.justifyContent;
    if (box.alignItems) node.style.alignItems = box.alignItems;
    if (box.backgroundColor) node.style.backgroundColor = box.backgroundColor;
    if (box.background && box.background.type === "linearGradient") {
      var g = box.background;
      var stops = g.centerColor ? [g.startColor, g.centerColor + " " + (g.centerPosition || "50%"), g.endColor]
                                : [g.startColor, g.endColor];
      node.style.backgroundImage = "linear-gradient(" + (g.angle || "0deg") + ", " + stops.join(", ") + ")";
    }
    if (box.borderWidth || box.borderColor) {
      node.style.border = (px(box.borderWidth, BORDER) || "1px") + " solid " + (box.borderColor || "#000");
    }
    if (box.cornerRadius) { node.style.borderRadius = px(box.cornerRadius, RADIUS); node.style.overflow = "hidden"; }
    ["width", "height", "maxWidth", "maxHeight"].forEach(function (key) { if (box[key]) node.style[key] = box[key]; });
    var padding = box.paddingAll !== undefined ? px(box.paddingAll, SPACING) : blockPadding;
    if (padding) node.style.padding = padding;
    ["Top", "Bottom", "Start", "End"].forEach(function (side) {
      var value = box["padding" + side];
      var css = { Top: "paddingTop", Bottom: "paddingBottom", Start: "paddingLeft", End: "paddingRight" }[side];
      if (value) node.style[css] = px(value, SPACING);
    });
    if (box.position !== "absolute") node.style.position = node.style.position || "relative";
    var spacing = px(box.spacing, SPACING);
    (box.contents || []).forEach(function (child, i) {
      var childNode = this.component(child, box.layout, i === 0);
      // spacing is the minimum gap between children; a child's own margin takes precedence
      if (i > 0 && spacing && child.margin === undefined) {
        childNode.style[horizontal ? "marginLeft" : "marginTop"] = spacing;
      }
      node.appendChild(childNode);
    }, this);
    this.bindAction(node, box.action);
    return node;
  };

  Renderer.prototype.text = function (t) {
    var node = el(t.type === "span" ? "span" : "div", "flex-text");
    this.textStyle(node, t);
    if (t.type !== "span") {
      node.style.textAlign = { start: "left", end: "right", center: "center" }[t.align] || "left";
      if (t.wrap) {
        node.style.whiteSpace = "pre-wrap";
        node.style.overflowWrap = "anywhere";
        if (t.maxLines) {
          node.style.display = "-webkit-box";
          node.style.webkitBoxOrient = "vertical";
          node.style.webkitLineClamp = String(t.maxLines);
          node.style.overflow = "hidden";
        }
      } else {
        node.style.whiteSpace = "nowrap";
        node.style.overflow = "hidden";
        node.style.textOverflow = "ellipsis";
      }
      if (t.lineSpacing) node.style.lineHeight = "calc(1.4em + " + t.lineSpacing + ")";
    }
    if (t.contents && t.contents.length) {
      t.contents.forEach(function (span) { node.appendChild(this.text(span)); }, this);
    } else {
      node.textContent = t.text || "";
    }
    this.bindAction(node, t.action);
    return node;
  };

  Renderer.prototype.textStyle = function (node, t) {
    if (t.size) node.style.fontSize = px(t.size, TEXT_SIZE);
    if (t.color) node.style.color = t.color;
    if (t.weight === "bold") node.style.fontWeight = "700";
    if (t.style === "italic") node.style.fontStyle = "italic";
    if (t.decoration && t.decoration !== "none") node.style.textDecoration = t.decoration;
  };

  Renderer.prototype.button = function (b) {
    var style = BUTTON[b.style] || BUTTON.link;
    var node = el("button", "flex-button flex-button-" + (b.style || "link"));
    node.type = "button";
    node.style.height = b.height === "sm" ? "40px" : "52px";
    node.style.backgroundColor = style.bg;
    node.style.color = style.fg;
    if (b.color) {
      if (b.style === "primary" || b.style === "secondary") node.style.backgroundColor = b.color;
      else node.style.color = b.color;
    }
    node.textContent = (b.action && b.action.label) || "";
    this.bindAction(node, b.action);
    return node;
  };

  Renderer.prototype.image = function (img) {
    var node = el("div", "flex-image");
    var width = img.size === "full" ? "100%" : (px(img.size || "md", IMAGE_SIZE));
    node.style.width = width;
    node.style.maxWidth = "100%";
    node.style.alignSelf = { start: "flex-start", end: "flex-end", center: "center" }[img.align] || "center";
    var ratio = String(img.aspectRatio || "1:1").split(":");
    node.style.aspectRatio = (Number(ratio[0]) || 1) + " / " + (Number(ratio[1]) || 1);
    if (img.backgroundColor) node.style.backgroundColor = img.backgroundColor;
    var picture = el("img");
    picture.alt = "";
    picture.src = img.url;
    picture.style.objectFit = img.aspectMode === "cover" ? "cover" : "contain";
    picture.onerror = function () { picture.remove(); node.classList.add("flex-image-missing"); };
    node.appendChild(picture);
    this.bindAction(node, img.action);
    return node;
  };

  Renderer.prototype.icon = function (icon) {
    var node = el("img", "flex-icon");
    node.alt = "";
    node.src = icon.url;
    node.style.height = px(icon.size || "md", TEXT_SIZE);
    node.onerror = function () { node.style.visibility = "hidden"; };
    return node;
  };

  Renderer.prototype.video = function (video) {
    var node = this.image({ url: video.previewUrl, size: "full", aspectRatio: video.aspectRatio, aspectMode: "cover" });
    node.classList.add("flex-video");
    return node;
  };

  Renderer.prototype.separator = function (s, parentLayout) {
    var node = el("div", "flex-separator");
    var color = s.color || "#d4d6da";
    if (parentLayout === "vertical") { node.style.borderTop = "1px solid " + color; node.style.width = "100%"; }
    else { node.style.borderLeft = "1px solid " + color; node.style.alignSelf = "stretch"; }
    return node;
  };

  Renderer.prototype.filler = function () {
    return el("div", "flex-filler");
  };

  Renderer.prototype.bindAction = function (node, action) {
    if (!action) return;
    var onAction = this.onAction;
    node.classList.add("flex-action");
    node.addEventListener("click", function (event) {
      event.stopPropagation();
      onAction(action);
    });
  };

  window.FlexRenderer = Renderer;
})();

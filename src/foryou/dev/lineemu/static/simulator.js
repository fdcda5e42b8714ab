/* Phone simulator: pick or create a test user, follow or block the account, chat with it, and open
   LIFF pages. Messages arrive live over server-sent events from /emulator/users/{id}/events. */
(function () {
  "use strict";

  var config = window.LINEEMU || {};
  var $ = function (id) { return document.getElementById(id); };
  var chat = $("chat");
  var current = null;     // the selected user
  var stream = null;      // its EventSource
  var lastDay = null;
  var STATUS_LABEL = { following: "友だち", blocked: "ブロック中", not_friend: "未追加" };
  var renderer = new window.FlexRenderer(runAction);
  var richMenu = null;    // the default rich menu ({} when there is none)

  function api(method, path, body) {
    var options = { method: method, headers: {} };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.message || response.statusText);
        return data;
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* Users ---------------------------------------------------------------------------------------- */

  function loadUsers(selectId) {
    return api("GET", "/emulator/users").then(function (data) {
      var select = $("user-select");
      select.textContent = "";
      data.users.forEach(function (user) {
        var option = el("option", null, user.displayName + "（" + (STATUS_LABEL[user.status] || user.status) + "）");
        option.value = user.userId;
        select.appendChild(option);
      });
      var wanted = selectId || new URLSearchParams(location.search).get("user") || (current && current.userId);
      if (wanted && data.users.some(function (u) { return u.userId === wanted; })) select.value = wanted;
      if (select.value) selectUser(select.value);
      else showUser(null);
    });
  }

  function selectUser(userId) {
    if (current && current.userId === userId && stream) return;
    if (stream) stream.close();
    chat.textContent = "";
    lastDay = null;
    $("quick-replies").textContent = "";
    document.cookie = "lineemu_user=" + userId + "; path=/; SameSite=Lax"; // read by the LIFF shim
    var params = new URLSearchParams(location.search);
    params.set("user", userId);
    history.replaceState(null, "", "?" + params.toString());
    stream = new EventSource("/emulator/users/" + userId + "/events");
    stream.addEventListener("message", function (event) { addMessage(JSON.parse(event.data)); });
    stream.addEventListener("user", function (event) { showUser(JSON.parse(event.data)); });
    stream.addEventListener("richmenu", function (event) { richMenu = JSON.parse(event.data); showRichMenu(); });
    current = { userId: userId };
  }

  function showUser(user) {
    if (user) current = user;
    var status = $("user-status");
    status.textContent = user ? (STATUS_LABEL[user.status] || user.status) : "—";
    status.className = "status " + (user ? user.status : "");
    $("user-id").textContent = user ? user.userId : "—";
    $("follow").disabled = !user || user.status === "following";
    $("block").disabled = !user || user.status !== "following";
    $("composer-send").disabled = !user || user.status === "blocked";
    $("composer-text").placeholder = user && user.status === "blocked" ? "ブロック中は送信できません" : "メッセージを入力";
    showRichMenu();
  }

  /* Rich menu ------------------------------------------------------------------------------------ */

  /* The default rich menu, shown to friends under the chat; its areas run their actions. */
  function showRichMenu() {
    var box = $("rich-menu");
    var panel = $("rich-menu-panel");
    var menu = richMenu;
    if (!menu || !menu.richMenuId || !current || current.status !== "following") {
      box.hidden = true;
      return;
    }
    if (box.dataset.menuId === menu.richMenuId && !box.hidden) return;
    box.dataset.menuId = menu.richMenuId;
    panel.textContent = "";
    var width = menu.size.width, height = menu.size.height;
    panel.style.aspectRatio = width + " / " + height;
    var image = el("img");
    image.src = menu.imageUrl;
    image.alt = "";
    panel.appendChild(image);
    menu.areas.forEach(function (area) {
      var b = area.bounds;
      var button = el("button", "rich-menu-area");
      button.type = "button";
      button.style.left = (100 * b.x / width) + "%";
      button.style.top = (100 * b.y / height) + "%";
      button.style.width = (100 * b.width / width) + "%";
      button.style.height = (100 * b.height / height) + "%";
      button.setAttribute("aria-label", area.action.label || area.action.text || area.action.type);
      button.dataset.testid = "rich-menu-area";
      button.addEventListener("click", function () { runAction(area.action); });
      panel.appendChild(button);
    });
    $("rich-menu-bar-text").textContent = menu.chatBarText;
    box.hidden = false;
    openRichMenu(menu.selected !== false);
  }

  function openRichMenu(open) {
    $("rich-menu-panel").hidden = !open;
    $("rich-menu-bar").setAttribute("aria-expanded", open ? "true" : "false");
  }

  /* Chat ----------------------------------------------------------------------------------------- */

  function addMessage(entry) {
    var when = new Date(entry.timestamp);
    var day = when.toLocaleDateString("ja-JP", { month: "long", day: "numeric", weekday: "short" });
    if (day !== lastDay) {
      var divider = el("div", "day");
      divider.appendChild(el("span", null, day));
      chat.appendChild(divider);
      lastDay = day;
    }
    var fromUser = entry.direction === "user";
    var row = el("div", "msg " + (fromUser ? "user" : "bot") + (entry.delivered === false ? " undelivered" : ""));
    row.dataset.messageId = entry.id;
    if (!fromUser) {
      var avatar = el("div", "avatar", (config.botDisplayName || "公式").slice(0, 1));
      if (config.botPictureUrl) { avatar.textContent = ""; avatar.style.backgroundImage = "url(" + config.botPictureUrl + ")"; }
      row.appendChild(avatar);
    }
    var column = el("div", "column");
    if (!fromUser) column.appendChild(el("div", "sender", config.botDisplayName || ""));
    var line = el("div", "line");
    line.appendChild(renderMessage(entry.message));
    var time = el("div", "time", when.toLocaleTimeString("ja-JP", { hour: "2-digit", minute: "2-digit" }));
    line.appendChild(time);
    column.appendChild(line);
    if (entry.delivered === false) column.appendChild(el("div", "undelivered-label", "未配信（ブロック中に送信）"));
    row.appendChild(column);
    chat.appendChild(row);
    showQuickReply(fromUser ? null : entry.message.quickReply);
    chat.scrollTop = chat.scrollHeight;
  }

  function renderMessage(message) {
    switch (message.type) {
      case "text":
      case "textV2":
        return textBubble(message.text || "");
      case "flex":
        return renderer.render(message.contents);
      case "template":
        return renderTemplate(message.template || {}, message.altText);
      case "image":
        var image = el("img", "placeholder-bubble");
        image.src = message.previewImageUrl;
        image.alt = "画像";
        image.style.maxWidth = "200px";
        return image;
      case "sticker":
        return el("div", "placeholder-bubble", "（スタンプ " + message.packageId + "/" + message.stickerId + "）");
      default:
        return el("div", "placeholder-bubble", message.altText || "（" + message.type + " メッセージ）");
    }
  }

  /* Text with URLs turned into links, as the LINE app does. */
  function textBubble(text) {
    var bubble = el("div", "text-bubble");
    var pattern = /https?:\/\/[^\s]+/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text))) {
      bubble.appendChild(document.createTextNode(text.slice(last, match.index)));
      var link = el("a", null, match[0]);
      link.href = match[0];
      link.addEventListener("click", (function (uri) {
        return function (event) { event.preventDefault(); openUri(uri); };
      })(match[0]));
      bubble.appendChild(link);
      last = match.index + match[0].length;
    }
    bubble.appendChild(document.createTextNode(text.slice(last)));
    return bubble;
  }

  /* Buttons and confirm templates drawn as a simple bubble with a text and button rows. */
  function renderTemplate(template, altText) {
    if (template.type !== "buttons" && template.type !== "confirm") {
      return el("div", "placeholder-bubble", altText || "（テンプレートメッセージ）");
    }
    var contents = [];
    if (template.title) contents.push({ type: "text", text: template.title, weight: "bold", wrap: true });
    contents.push({ type: "text", text: template.text || "", wrap: true, size: "sm" });
    var buttons = (template.actions || []).map(function (action) {
      return { type: "button", style: "link", height: "sm", action: action };
    });
    return renderer.render({
      type: "bubble", size: "kilo",
      body: { type: "box", layout: "vertical", spacing: "sm", contents: contents },
      footer: { type: "box", layout: template.type === "confirm" ? "horizontal" : "vertical", contents: buttons }
    });
  }

  function showQuickReply(quickReply) {
    var bar = $("quick-replies");
    bar.textContent = "";
    ((quickReply && quickReply.items) || []).forEach(function (item) {
      var button = el("button", null, (item.action && item.action.label) || "");
      button.type = "button";
      button.addEventListener("click", function () { bar.textContent = ""; runAction(item.action); });
      bar.appendChild(button);
    });
  }

  /* Actions -------------------------------------------------------------------------------------- */

  function runAction(action) {
    if (!action || !current) return;
    switch (action.type) {
      case "uri": return openUri(action.uri);
      case "message": return say(action.text);
      case "postback":
        return api("POST", "/emulator/users/" + current.userId + "/postback",
                   { data: action.data, displayText: action.displayText || action.text }).then(logWebhook, alertError);
      case "datetimepicker":
        var value = prompt("日時を入力（" + (action.mode || "datetime") + "）", action.initial || "");
        if (value === null) return;
        var params = {};
        params[action.mode || "datetime"] = value;
        return api("POST", "/emulator/users/" + current.userId + "/postback",
                   { data: action.data, params: params }).then(logWebhook, alertError);
      case "clipboard":
        return navigator.clipboard && navigator.clipboard.writeText(action.clipboardText);
      default:
        alert("このシミュレーターでは「" + action.type + "」アクションは使えません。");
    }
  }

  function say(text) {
    if (!current || !text) return;
    api("POST", "/emulator/users/" + current.userId + "/messages", { text: text }).then(logWebhook, alertError);
  }

  /* LIFF URLs open their registered endpoint; other web links open in the in-app browser view. */
  function openUri(uri) {
    var liff = /^https:\/\/liff\.line\.me\/([^/?#]+)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(uri);
    if (liff) {
      var app = (config.liffApps || []).filter(function (a) { return a.liffId === liff[1]; })[0];
      if (!app) return alert("LIFF アプリ " + liff[1] + " は登録されていません（--liff で指定）。");
      return openLiff(app.endpointUrl.replace(/\/$/, "") + (liff[2] || "") + (liff[3] || "") + (liff[4] || ""),
                      app.view, app.liffId);
    }
    if (/^https?:\/\//.test(uri)) return openLiff(uri, "full", null);
    if (/^tel:/.test(uri)) return alert("電話をかけます: " + uri.slice(4));
    alert("LINE アプリで開くリンクです: " + uri);
  }

  function openLiff(url, view, liffId) {
    var panel = $("liff");
    panel.className = "liff " + (view || "full");
    panel.hidden = false;
    panel.dataset.liffId = liffId || "";
    panel.dataset.view = view || "full";
    $("liff-title").textContent = url;
    $("liff-frame").src = url;
  }

  function closeLiff() {
    $("liff").hidden = true;
    $("liff-frame").src = "about:blank";
  }

  /* The LIFF shim inside the iframe asks who the user is, closes the view, or sends messages. */
  window.addEventListener("message", function (event) {
    var data = event.data || {};
    var frame = $("liff-frame");
    if (event.source !== frame.contentWindow) return;
    if (data.type === "lineemu:liff:hello") {
      frame.contentWindow.postMessage({
        type: "lineemu:liff:context", userId: current && current.userId,
        liffId: $("liff").dataset.liffId || null, viewType: $("liff").dataset.view || "full"
      }, "*");
    } else if (data.type === "lineemu:liff:title") {
      $("liff-title").textContent = data.title;
    } else if (data.type === "lineemu:liff:close") {
      closeLiff();
    } else if (data.type === "lineemu:liff:sendMessages") {
      (data.messages || []).forEach(function (m) { if (m.type === "text") say(m.text); });
    }
  });

  /* Panel ---------------------------------------------------------------------------------------- */

  function logWebhook(result) {
    var record = result && result.webhook;
    if (!record) return;
    var item = el("li");
    var ok = record.status && record.status < 300;
    var what = record.types.join(", ") + (record.isRedelivery ? "（再送）" : "");
    var outcome = record.status ? "HTTP " + record.status : (record.error || "未送信");
    item.appendChild(el("span", ok ? "ok" : "ng", (ok ? "✓ " : "✗ ") + what));
    item.appendChild(document.createTextNode(" — " + outcome));
    $("webhook-log").prepend(item);
  }

  function alertError(error) { alert(error.message); }

  $("user-select").addEventListener("change", function (event) { selectUser(event.target.value); });
  $("new-user").addEventListener("submit", function (event) {
    event.preventDefault();
    api("POST", "/emulator/users", { displayName: $("new-user-name").value, status: "not_friend" })
      .then(function (user) { return loadUsers(user.userId); }, alertError);
  });
  $("follow").addEventListener("click", function () {
    api("POST", "/emulator/users/" + current.userId + "/follow").then(logWebhook, alertError).then(function () { loadUsers(); });
  });
  $("block").addEventListener("click", function () {
    api("POST", "/emulator/users/" + current.userId + "/block").then(logWebhook, alertError).then(function () { loadUsers(); });
  });
  $("composer").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("composer-text");
    say(input.value.trim());
    input.value = "";
  });
  $("liff-open").addEventListener("click", function () {
    var url = $("liff-url").value.trim();
    if (!url) return;
    if (/^https:\/\/liff\.line\.me\//.test(url)) openUri(url);
    else openLiff(url, $("liff-size").value, null);
  });
  $("liff-close").addEventListener("click", closeLiff);
  $("rich-menu-bar").addEventListener("click", function () {
    openRichMenu($("rich-menu-panel").hidden);
  });

  $("account-name").textContent = config.botDisplayName || "公式アカウント";
  function tick() { $("clock").textContent = new Date().toLocaleTimeString("ja-JP", { hour: "2-digit", minute: "2-digit" }); }
  tick();
  setInterval(tick, 30000);
  api("GET", "/emulator/webhooks").then(function (data) {
    data.deliveries.slice(-20).forEach(function (record) { logWebhook({ webhook: record }); });
  });
  loadUsers().then(function () {
    var open = new URLSearchParams(location.search).get("open"); // deep link: ?user=U...&open=URL
    if (open) openUri(open);
  });
})();

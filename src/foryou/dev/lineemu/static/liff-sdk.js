/* LIFF SDK stand-in for demo mode. Gateway pages include
     <script src="http://127.0.0.1:8081/emulator/liff-sdk.js"></script>
   instead of https://static.line-scdn.net/liff/edge/2/sdk.js and call the same API: liff.init,
   liff.getIDToken, liff.getProfile, liff.isLoggedIn, liff.closeWindow and a few more. The user is the
   one chosen in the phone simulator (asked over postMessage when the page runs in its LIFF view,
   else the simulator's cookie, else ?lineemu_user=U... in the page URL). ID tokens come from the
   emulator and verify at its /oauth2/v2.1/verify exactly like LINE's. */
(function () {
  "use strict";

  var SETTINGS = __LINEEMU_LIFF__;
  var script = document.currentScript;
  var base = script ? new URL(script.src).origin : "";
  var session = { userId: null, idToken: null, profile: null, liffId: null, viewType: "full", inClient: false };
  var readyResolve;
  var ready = new Promise(function (resolve) { readyResolve = resolve; });

  function askSimulator() {
    return new Promise(function (resolve) {
      if (window.parent === window) return resolve(null);
      var timer = setTimeout(function () { finish(null); }, 800);
      function onMessage(event) {
        if (event.data && event.data.type === "lineemu:liff:context") finish(event.data);
      }
      function finish(context) {
        clearTimeout(timer);
        window.removeEventListener("message", onMessage);
        resolve(context);
      }
      window.addEventListener("message", onMessage);
      window.parent.postMessage({ type: "lineemu:liff:hello" }, "*");
    });
  }

  function post(path, body) {
    return fetch(base + path, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) throw new Error(data.message || "LINE emulator error " + response.status);
        return data;
      });
    });
  }

  function decode(token) {
    var part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    var bytes = Uint8Array.from(atob(part), function (c) { return c.charCodeAt(0); });
    return JSON.parse(new TextDecoder().decode(bytes));
  }

  var liff = {
    id: null,
    ready: ready,

    init: function (options) {
      options = options || {};
      liff.id = session.liffId = options.liffId || null;
      // LIFF IDs are "<LINE Login channel ID>-<suffix>": the channel is the ID token's audience.
      var channelId = (options.liffId && /^\d+-/.test(options.liffId)) ? options.liffId.split("-")[0]
                                                                         : SETTINGS.loginChannelId;
      return askSimulator().then(function (context) {
        session.inClient = !!context;
        if (context && context.viewType) session.viewType = context.viewType;
        session.userId = (context && context.userId) ||
          new URLSearchParams(location.search).get("lineemu_user") || SETTINGS.userId || null;
        if (!session.userId) return;
        return post("/emulator/liff/id-token", { userId: session.userId, channelId: channelId })
          .then(function (data) {
            session.idToken = data.idToken;
            var claims = decode(data.idToken);
            session.profile = { userId: claims.sub, displayName: claims.name, pictureUrl: claims.picture };
          });
      }).then(function () {
        if (document.title && session.inClient) {
          window.parent.postMessage({ type: "lineemu:liff:title", title: document.title }, "*");
        }
        readyResolve();
        if (options.withLoginOnExternalBrowser && !session.idToken) liff.login();
      });
    },

    isLoggedIn: function () { return !!session.idToken; },
    isInClient: function () { return session.inClient; },
    getIDToken: function () { return session.idToken; },
    getDecodedIDToken: function () { return session.idToken ? decode(session.idToken) : null; },
    getAccessToken: function () { return session.idToken ? "lineemu-liff-access-token" : null; },
    getProfile: function () {
      return session.profile ? Promise.resolve(session.profile)
                             : Promise.reject(new Error("Not logged in: pick a user in the LINE simulator"));
    },
    getContext: function () {
      return { type: "utou", userId: session.userId, liffId: session.liffId, viewType: session.viewType,
               endpointUrl: location.origin + location.pathname };
    },
    getOS: function () { return "web"; },
    getLanguage: function () { return "ja"; },
    getAppLanguage: function () { return "ja"; },
    getVersion: function () { return "2.0.0-lineemu"; },
    getLineVersion: function () { return session.inClient ? "14.0.0" : null; },
    isApiAvailable: function (name) { return name === "sendMessages" && session.inClient; },

    login: function () {
      alert("LINE シミュレーター（" + base + "/simulator）でユーザーを選んでから、このページを開いてください。");
    },
    logout: function () { session.idToken = null; session.profile = null; },
    closeWindow: function () {
      if (session.inClient) window.parent.postMessage({ type: "lineemu:liff:close" }, "*");
      else window.close();
    },
    sendMessages: function (messages) {
      if (!session.inClient) return Promise.reject(new Error("sendMessages works only inside the simulator"));
      window.parent.postMessage({ type: "lineemu:liff:sendMessages", messages: messages }, "*");
      return Promise.resolve();
    },
    openWindow: function (params) {
      window.open(params.url, params.external ? "_blank" : "_self");
    }
  };

  window.liff = liff;
})();

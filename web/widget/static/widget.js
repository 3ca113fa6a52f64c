/*
 * Clinic intake chat widget: vanilla JavaScript, no dependencies, no build step.
 *
 * A clinic embeds it with one tag (the stylesheet is loaded from next to the script):
 *
 *   <script src="https://chat.example-clinic.com/widget.js"
 *           data-rasa-url="https://assistant.example-clinic.com" defer></script>
 *
 * Optional: data-clinic-name="Bridge Street PT", shown in the header and the privacy note.
 *
 * Why Rasa's REST channel and not socket.io: every message is one stateless POST to
 * {rasa}/webhooks/rest/webhook, and the conversation lives in Rasa's tracker store keyed by the
 * sender id, so any Rasa server behind a load balancer can answer any message. Socket.io keeps a
 * session on one server (its long-polling transport needs sticky sessions), and would need a
 * client library we would have to vendor. What REST gives up (the server speaking first) an
 * intake assistant does not need. The Rasa server must allow the site's origin (`--cors`).
 *
 * Nothing a person types is lost: a message is saved (localStorage) before it is sent, shown as
 * "not sent yet" until the server has answered, and retried with backoff (also after a reload
 * and when the device comes back online). A network error, a non-2xx answer (other than a
 * client error that would fail again) and an empty reply all mean "not delivered". Every
 * message carries its own id (`metadata.message_id`), the same on every retry, so the server
 * handles it once. Messages go one at a time: the next is sent only after the reply to the one
 * before has arrived, and waits as "queued" meanwhile; one typed before that reply arrived says
 * so (`metadata.replies_after_typing`), so it never answers a question its writer had not seen.
 * Message text is only
 * ever put in the page with textContent, never as HTML; http(s) addresses in the assistant's
 * messages become links built with DOM calls (see botBubble), and so do phone numbers (tel:).
 *
 * Urgent advice (911 or an emergency department now, or the 988 crisis answer) is also pinned
 * above the message box until the person dismisses it, with call links, in a role="alert"
 * region (see urgencyOf).
 */
(function () {
  "use strict";

  if (window.__ptIntakeWidgetLoaded) return; // the tag was pasted twice
  window.__ptIntakeWidgetLoaded = true;

  var script = document.currentScript;
  function attr(name, fallback) {
    var value = script && script.getAttribute(name);
    return value ? value.trim() : fallback;
  }

  var RASA_URL = attr("data-rasa-url", "http://localhost:5005").replace(/\/+$/, "");
  var WEBHOOK = RASA_URL + "/webhooks/rest/webhook";
  var CLINIC = attr("data-clinic-name", "");
  var STORE_KEY = "ptIntakeChat:v1:" + RASA_URL;
  var MAX_KEPT = 300; // messages kept on the device
  var REQUEST_TIMEOUT_MS = 30000;
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  // An empty reply is retried; after this many (about a minute) the turn really had no answer
  // (the server repeats a handled message's replies), and the queue must not wait forever.
  var MAX_EMPTY_REPLIES = 6;
  var HUMAN_TEXT = "talk to a person";
  var GREETING_PAYLOAD = "/greet";
  var NARROW = "(max-width: 480px)";

  // ------------------------------------------------------------------ state and storage

  var memoryStore = null; // when localStorage is blocked (some private modes), keep it in memory

  function randomId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  function newSenderId() {
    return "web-" + randomId();
  }

  function freshState() {
    return { sender: newSenderId(), messages: [], open: false, seq: 0 };
  }

  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (err) {
      raw = memoryStore;
    }
    if (!raw) return freshState();
    try {
      var saved = JSON.parse(raw);
      if (saved && typeof saved.sender === "string" && Array.isArray(saved.messages)) {
        saved.seq = saved.seq || saved.messages.length;
        return saved;
      }
    } catch (err) {
      /* a corrupt entry: start again rather than break the page */
    }
    return freshState();
  }

  function save() {
    if (state.messages.length > MAX_KEPT) {
      state.messages = state.messages.slice(-MAX_KEPT);
    }
    var raw = JSON.stringify(state);
    try {
      window.localStorage.setItem(STORE_KEY, raw);
    } catch (err) {
      memoryStore = raw;
    }
  }

  var state = load();

  // ------------------------------------------------------------------ DOM helpers

  function el(tag, className, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        node.setAttribute(key, attrs[key]);
      });
    }
    return node;
  }

  function text(tag, className, value, attrs) {
    var node = el(tag, className, attrs);
    node.textContent = value; // never innerHTML: bot and user text are untrusted
    return node;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function icon(pathData) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "ptw-icon");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", pathData);
    svg.appendChild(path);
    return svg;
  }
  var ICON_CHAT = "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z";
  var ICON_CLOSE = "M6 6l12 12M18 6L6 18";
  var ICON_SEND = "M4 12l16-8-6 16-2.5-6.5L4 12z";
  var ICON_PERSON = "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 8a7 7 0 0 1 14 0";

  function clockTime(ms) {
    try {
      return new Date(ms).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
    } catch (err) {
      return new Date(ms).toTimeString().slice(0, 5);
    }
  }

  // ------------------------------------------------------------------ building the widget

  var clinicLabel = CLINIC || "the clinic";
  var root = el("div", "ptw-root");
  root.setAttribute("data-ptw", "");

  var launcher = el("button", "ptw-launcher", {
    type: "button",
    "aria-haspopup": "dialog",
    "aria-expanded": "false",
    "aria-controls": "ptw-panel"
  });
  launcher.appendChild(icon(ICON_CHAT));
  launcher.appendChild(text("span", "ptw-launcher-label", "Chat with us"));

  var panel = el("section", "ptw-panel", {
    id: "ptw-panel",
    role: "dialog",
    "aria-modal": "false",
    "aria-label": CLINIC ? "Chat with " + CLINIC : "Chat with the clinic"
  });
  panel.hidden = true;

  var header = el("div", "ptw-header");
  var heading = el("div", "ptw-heading");
  heading.appendChild(text("h2", "ptw-title", CLINIC || "Chat with us"));
  heading.appendChild(text("p", "ptw-subtitle", "Intake and booking assistant"));
  var closeButton = el("button", "ptw-close", { type: "button", "aria-label": "Close chat" });
  closeButton.appendChild(icon(ICON_CLOSE));
  header.appendChild(heading);
  header.appendChild(closeButton);

  var privacy = el("p", "ptw-privacy");
  privacy.appendChild(text("strong", "", "This chat is for booking, not emergencies: call 911."));
  privacy.appendChild(document.createTextNode(
    " Don't share card numbers or passwords. " + (CLINIC || "The clinic") +
    " stores this conversation to prepare for your visit."
  ));

  var log = el("div", "ptw-log", {
    role: "log",
    "aria-live": "polite",
    "aria-label": "Conversation",
    tabindex: "0"
  });

  var typing = el("div", "ptw-typing", { role: "status" });
  var dots = el("span", "ptw-dots", { "aria-hidden": "true" });
  dots.appendChild(el("i"));
  dots.appendChild(el("i"));
  dots.appendChild(el("i"));
  typing.appendChild(dots);
  var typingLabel = text("span", "ptw-sr", "");
  typing.appendChild(typingLabel);
  typing.hidden = true;

  var alertBox = el("div", "ptw-alert", { role: "alert" });
  var alertText = text("p", "ptw-alert-text", "");
  var retryButton = text("button", "ptw-retry", "Retry now", { type: "button" });
  alertBox.appendChild(alertText);
  alertBox.appendChild(retryButton);
  alertBox.hidden = true;

  // Pinned urgent advice: the words are announced (role="alert"); the call links and the
  // dismiss button sit next to them, outside the announced region.
  var urgentBox = el("div", "ptw-urgent");
  var urgentSays = el("div", "ptw-urgent-says", { role: "alert" });
  var urgentActions = el("div", "ptw-urgent-actions");
  var dismissButton = text("button", "ptw-urgent-dismiss", "Dismiss", {
    type: "button",
    "aria-label": "Dismiss this advice"
  });
  urgentBox.appendChild(urgentSays);
  urgentBox.appendChild(urgentActions);
  urgentBox.hidden = true;

  var replies = el("div", "ptw-replies", { role: "group", "aria-label": "Suggested replies" });
  replies.hidden = true;

  var composer = el("form", "ptw-composer", { novalidate: "" });
  var inputLabel = text("label", "ptw-sr", "Your message", { for: "ptw-input" });
  var input = el("textarea", "ptw-input", {
    id: "ptw-input",
    rows: "1",
    maxlength: "2000",
    autocomplete: "off",
    placeholder: "Type your message…"
  });
  var sendButton = el("button", "ptw-send", { type: "submit", "aria-label": "Send message" });
  sendButton.appendChild(icon(ICON_SEND));
  composer.appendChild(inputLabel);
  composer.appendChild(input);
  composer.appendChild(sendButton);

  var tools = el("div", "ptw-tools");
  var humanButton = el("button", "ptw-human", { type: "button" });
  humanButton.appendChild(icon(ICON_PERSON));
  humanButton.appendChild(text("span", "", "Talk to a person"));
  var clearButton = text("button", "ptw-clear", "Clear chat", {
    type: "button",
    "aria-label": "Clear chat from this device"
  });
  tools.appendChild(humanButton);
  tools.appendChild(clearButton);

  panel.appendChild(header);
  panel.appendChild(privacy);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(urgentBox);
  panel.appendChild(alertBox);
  panel.appendChild(replies);
  panel.appendChild(composer);
  panel.appendChild(tools);
  root.appendChild(panel);
  root.appendChild(launcher);

  // ------------------------------------------------------------------ rendering

  var rendered = {}; // message id -> element, so updates change one bubble, not the whole log

  function messageNode(message) {
    var mine = message.from === "user";
    var item = el("div", "ptw-msg " + (mine ? "ptw-msg--user" : "ptw-msg--bot") +
      (message.urgent ? " ptw-msg--urgent" : ""));
    item.setAttribute("data-id", String(message.id));
    item.appendChild(text("span", "ptw-sr", mine ? "You said: " : clinicLabel + " said: "));
    item.appendChild(mine ? text("p", "ptw-bubble", message.text) : botBubble(message.text));
    var meta = el("p", "ptw-meta");
    item.appendChild(meta);
    fillMeta(meta, message);
    return item;
  }

  // Web addresses in the assistant's messages (the calendar link after booking) become links.
  // Built node by node: the text stays text, and only http(s) addresses ever become an href.
  var URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
  var TRAILING = /[.,;:!?)\]}]+$/; // "…see https://x.example/a." ends the sentence, not the URL

  function safeHref(candidate) {
    try {
      var url = new URL(candidate);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (err) {
      return null;
    }
  }

  // 911, 988 and ten-digit numbers (the clinic's) become tel: links, so a tap calls them.
  var PHONE_PATTERN = /\b(?:911|988)\b|(?:\+?1[ .-]?)?(?:\(\d{3}\)|\b\d{3})[ .-]?\d{3}[ .-]\d{4}\b/g;

  function appendPhones(parent, value) {
    var at = 0;
    var match;
    PHONE_PATTERN.lastIndex = 0;
    while ((match = PHONE_PATTERN.exec(value)) !== null) {
      parent.appendChild(document.createTextNode(value.slice(at, match.index)));
      var link = el("a", "ptw-link ptw-tel");
      link.href = "tel:" + match[0].replace(/[^\d+]/g, "");
      link.textContent = match[0];
      parent.appendChild(link);
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(value.slice(at)));
  }

  function richText(node, value) {
    var at = 0;
    var match;
    URL_PATTERN.lastIndex = 0;
    while ((match = URL_PATTERN.exec(value)) !== null) {
      var found = match[0].replace(TRAILING, "");
      var href = safeHref(found);
      if (!href) continue;
      appendPhones(node, value.slice(at, match.index));
      var link = el("a", "ptw-link", { target: "_blank", rel: "noopener noreferrer" });
      link.href = href;
      link.textContent = found;
      node.appendChild(link);
      at = match.index + found.length;
    }
    appendPhones(node, value.slice(at));
    return node;
  }

  function botBubble(value) {
    return richText(el("p", "ptw-bubble"), value);
  }

  // ------------------------------------------------------------------ urgent advice

  // Rasa's REST channel sends no response name, so urgent advice is known by its words: the
  // emergency advice says to call 911 or go to an emergency department *now*, and the crisis
  // answer gives 988 together with 911 (domain.yml utter_redflag_call_911,
  // utter_redflag_emergency, utter_after_urgent_symptom, utter_crisis). The greeting's "call 911"
  // and "see a doctor today" are not urgent. tests/widget/test_widget_urgent.py holds every
  // response in domain.yml to this rule.
  var EMERGENCY_WORDS = /\b(?:call 911|emergency department) now\b/i;

  function urgencyOf(value) {
    if (/\b988\b/.test(value) && /\b911\b/.test(value)) return "crisis";
    if (EMERGENCY_WORDS.test(value)) return "emergency";
    return null;
  }

  var shownUrgent = null; // the message id the pinned box shows, so it is built (announced) once

  function callLink(number, label) {
    var link = text("a", "ptw-urgent-call", label);
    link.href = "tel:" + number;
    return link;
  }

  function renderUrgent() {
    var urgent = state.urgent || null;
    var id = urgent ? urgent.id : null;
    if (id === shownUrgent) return;
    shownUrgent = id;
    urgentSays.textContent = "";
    urgentActions.textContent = "";
    urgentBox.hidden = !urgent;
    panel.classList.toggle("ptw-panel--urgent", Boolean(urgent));
    if (!urgent) return;
    var crisis = urgent.level === "crisis";
    urgentSays.appendChild(text("p", "ptw-urgent-title",
      crisis ? "Help is available now" : "Urgent: please act on this now"));
    urgentSays.appendChild(richText(el("p", "ptw-urgent-text"), urgent.text));
    if (crisis) urgentActions.appendChild(callLink("988", "Call or text 988"));
    urgentActions.appendChild(callLink("911", "Call 911"));
    urgentActions.appendChild(dismissButton);
  }

  function dismissUrgent() {
    state.urgent = null;
    save();
    renderUrgent();
    input.focus();
  }

  // A waiting message says why: the one being sent, the ones queued behind it, or, while
  // delivery keeps failing, that they are all kept and will be sent when it works again.
  function pendingLabel(message) {
    var head = firstPending();
    if (head && head.tries > 0) return "Not sent yet — retrying";
    if (message === head) return "Sending…";
    return "Queued — sent after the reply above";
  }

  function fillMeta(meta, message) {
    meta.textContent = "";
    meta.className = "ptw-meta";
    if (message.status === "pending") {
      meta.className += " ptw-meta--pending";
      meta.textContent = pendingLabel(message);
    } else if (message.status === "failed") {
      meta.className += " ptw-meta--failed";
      meta.textContent = message.noReply
        ? "No reply came — please send it again"
        : "Couldn't be delivered";
    } else {
      var time = text("time", "", clockTime(message.ts), {
        datetime: new Date(message.ts).toISOString()
      });
      meta.appendChild(time);
    }
  }

  function render() {
    state.messages.forEach(function (message) {
      if (message.hidden) return;
      var node = rendered[message.id];
      if (!node) {
        node = messageNode(message);
        rendered[message.id] = node;
        log.appendChild(node);
      } else {
        fillMeta(node.querySelector(".ptw-meta"), message);
      }
      node.classList.toggle("ptw-msg--pending", message.status === "pending");
    });
    renderReplies();
    renderUrgent();
    scrollToEnd();
  }

  function lastVisible() {
    for (var i = state.messages.length - 1; i >= 0; i--) {
      if (!state.messages[i].hidden) return state.messages[i];
    }
    return null;
  }

  function renderReplies() {
    replies.textContent = "";
    var last = lastVisible();
    var choices = last && last.from === "bot" && last.buttons ? last.buttons : [];
    choices.forEach(function (choice) {
      var button = text("button", "ptw-reply", choice.title, { type: "button" });
      button.addEventListener("click", function () {
        send(choice.title, choice.payload);
        input.focus(); // the buttons are gone now: keep keyboard users inside the dialog
      });
      replies.appendChild(button);
    });
    replies.hidden = choices.length === 0;
  }

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  function setTyping(on) {
    typing.hidden = !on;
    typingLabel.textContent = on ? clinicLabel + " is typing…" : "";
    if (on) scrollToEnd();
  }

  // kind: null (no problem), "offline" (no answer from the server) or "noreply" (it answered,
  // but with nothing: the message is sent again).
  function setError(kind) {
    var on = Boolean(kind);
    alertBox.hidden = !on;
    panel.classList.toggle("ptw-panel--offline", on);
    if (kind === "noreply") {
      alertText.textContent = "The assistant hasn't answered yet. Your message is kept on " +
        "this device and will be sent again.";
    } else {
      alertText.textContent = on
        ? "Can't reach the chat server right now. Your messages are kept on this device and " +
          "will be sent when it's back."
        : "";
    }
  }

  // ------------------------------------------------------------------ sending

  var inFlight = false;
  var retryTimer = null;
  var attempt = 0;
  var generation = 0; // bumped by "Clear chat", so a late answer can't land in the new chat

  function addMessage(fields) {
    state.seq += 1;
    fields.id = state.seq;
    fields.ts = fields.ts || Date.now();
    state.messages.push(fields);
    return fields;
  }

  function send(shown, payload) {
    var message = shown.replace(/\s+$/, "");
    if (!message.trim()) return;
    // `seen`: the assistant's messages shown when this was typed (see flush).
    addMessage({ from: "user", text: message, payload: payload || null, status: "pending",
                 mid: randomId(), tries: 0, seen: state.replies || 0 });
    save();
    replies.hidden = true;
    render();
    flush();
  }

  function firstPending() {
    for (var i = 0; i < state.messages.length; i++) {
      if (state.messages[i].status === "pending") return state.messages[i];
    }
    return null;
  }

  function post(body) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = setTimeout(function () {
      if (controller) controller.abort();
    }, REQUEST_TIMEOUT_MS);
    return fetch(WEBHOOK, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit",
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      clearTimeout(timer);
      if (!response.ok) {
        var error = new Error("HTTP " + response.status);
        // Client errors other than timeouts and rate limits will fail again: don't block on them.
        error.permanent = response.status >= 400 && response.status < 500 &&
          response.status !== 408 && response.status !== 429;
        throw error;
      }
      return response.json();
    }, function (err) {
      clearTimeout(timer);
      throw err;
    });
  }

  // The replies worth showing; none means the message was not answered (not delivered).
  function usable(answers) {
    return (Array.isArray(answers) ? answers : []).filter(function (answer) {
      return answer && typeof answer.text === "string" && answer.text;
    });
  }

  function receive(answers) {
    answers.forEach(function (answer) {
      var buttons = Array.isArray(answer.buttons) ? answer.buttons.filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string";
      }).map(function (b) {
        return { title: b.title, payload: b.payload };
      }) : [];
      var urgent = urgencyOf(answer.text);
      var added = addMessage({ from: "bot", text: answer.text, urgent: urgent,
                               buttons: buttons.length ? buttons : null });
      state.replies = (state.replies || 0) + 1;
      if (urgent) state.urgent = { id: added.id, level: urgent, text: answer.text };
    });
  }

  function retryLater(next, kind) {
    next.tries = (next.tries || 0) + 1;
    save();
    render();
    setTyping(false);
    setError(kind);
    var delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
    attempt += 1;
    retryTimer = setTimeout(flush, delay + Math.floor(Math.random() * 250));
  }

  function flush() {
    if (inFlight) return;
    var next = firstPending();
    if (!next) {
      setTyping(false);
      return;
    }
    inFlight = true;
    clearTimeout(retryTimer);
    setTyping(true);
    if (!next.mid) {
      next.mid = randomId(); // kept from an older version of the widget: give it its id once
      save();
    }
    var sentAs = next.payload || next.text;
    var sentIn = generation;
    var metadata = { message_id: next.mid };
    // A message typed while the previous one waited for its reply crossed that reply: the
    // server never takes it as the answer to a safety question the reply asks (bot.crossing).
    var unseen = typeof next.seen === "number" ? (state.replies || 0) - next.seen : 0;
    if (unseen > 0) metadata.replies_after_typing = unseen;
    var body = { sender: state.sender, message: sentAs, metadata: metadata };
    post(body).then(function (answers) {
      inFlight = false;
      if (sentIn !== generation) return flush();
      var shown = usable(answers);
      if (!shown.length && (next.empty || 0) + 1 < MAX_EMPTY_REPLIES) {
        next.empty = (next.empty || 0) + 1;
        retryLater(next, "noreply");
        return;
      }
      attempt = 0;
      setError(null);
      if (shown.length) {
        next.status = "sent";
        receive(shown);
      } else {
        next.status = "failed";
        next.noReply = true;
      }
      save();
      render();
      flush();
    }, function (err) {
      inFlight = false;
      if (sentIn !== generation) return flush();
      setTyping(false);
      if (err && err.permanent) {
        next.status = "failed";
        save();
        render();
        flush();
        return;
      }
      retryLater(next, "offline");
    });
  }

  function retryNow() {
    attempt = 0;
    clearTimeout(retryTimer);
    flush();
  }

  // ------------------------------------------------------------------ opening and closing

  function isNarrow() {
    return window.matchMedia && window.matchMedia(NARROW).matches;
  }

  function open(moveFocus) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("ptw-root--open");
    panel.setAttribute("aria-modal", isNarrow() ? "true" : "false");
    state.open = true;
    if (state.messages.length === 0) {
      // Ask the assistant to introduce itself (its greeting carries the 911 and no-diagnosis
      // notes); the greeting request is not shown as something the person said.
      addMessage({ from: "user", text: "", payload: GREETING_PAYLOAD, status: "pending",
                   hidden: true, mid: randomId(), tries: 0 });
    }
    save();
    render();
    flush();
    if (moveFocus) input.focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("ptw-root--open");
    state.open = false;
    save();
    launcher.focus();
  }

  function clearChat() {
    var ok = window.confirm("Remove this conversation from this device? " +
      "The clinic keeps its copy.");
    if (!ok) return;
    clearTimeout(retryTimer);
    generation += 1;
    attempt = 0;
    var wasOpen = !panel.hidden;
    state = freshState();
    rendered = {};
    log.textContent = "";
    renderUrgent();
    setError(null);
    setTyping(false);
    save();
    if (wasOpen) open(true);
  }

  function focusables() {
    return Array.prototype.filter.call(
      panel.querySelectorAll("button, textarea, [tabindex='0']"),
      function (node) {
        return !node.disabled && node.offsetParent !== null;
      });
  }

  // ------------------------------------------------------------------ events

  launcher.addEventListener("click", function () {
    if (panel.hidden) open(true);
    else close();
  });
  closeButton.addEventListener("click", close);
  retryButton.addEventListener("click", retryNow);
  dismissButton.addEventListener("click", dismissUrgent);
  humanButton.addEventListener("click", function () {
    send(HUMAN_TEXT);
    input.focus();
  });
  clearButton.addEventListener("click", clearChat);

  composer.addEventListener("submit", function (event) {
    event.preventDefault();
    var value = input.value;
    if (!value.trim()) return;
    input.value = "";
    autosize();
    send(value);
    input.focus();
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof composer.requestSubmit === "function") composer.requestSubmit();
      else composer.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });

  function autosize() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 120) + "px";
  }
  input.addEventListener("input", autosize);

  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    // Full screen on a phone the panel covers the page, so Tab stays inside it.
    if (event.key === "Tab" && isNarrow()) {
      var items = focusables();
      if (!items.length) return;
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  window.addEventListener("online", retryNow);
  document.addEventListener("visibilitychange", function () {
    // Timers are slowed in a background tab: try again at once when the person comes back.
    if (document.visibilityState === "visible" && !inFlight && firstPending()) retryNow();
  });

  // ------------------------------------------------------------------ start

  function start() {
    var link = el("link", "", { rel: "stylesheet" });
    link.href = new URL("widget.css", script && script.src ? script.src : location.href).href;
    // Hidden until styled, so the page never flashes an unstyled button.
    root.hidden = true;
    link.addEventListener("load", function () { root.hidden = false; });
    link.addEventListener("error", function () { root.hidden = false; });
    document.head.appendChild(link);
    document.body.appendChild(root);
    render();
    if (state.open) {
      open(false); // the person left it open: keep it open across pages, without taking focus
    } else if (firstPending()) {
      flush(); // queued messages from before the reload go out even with the panel closed
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

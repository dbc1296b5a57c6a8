// Live view of one help session: long-poll its state, show each new frame, say how fresh the
// picture is and whether the kiosk is still there (连接中断 within 5 s), point and send hints
// (keys 1–9), end the session, keep a call note. Staff can point, never press.
"use strict";
(function () {
  const root = document.getElementById("live");
  if (!root) return;
  const base = "/staff/api/sessions/" + encodeURIComponent(root.dataset.session);
  const $ = (id) => document.getElementById(id);
  const img = $("frame");
  const marker = $("marker");
  const HINTS = JSON.parse(root.dataset.hints);
  const ACTIVE_EVERY_MS = 20000;
  const STALE_MS = 4000;  // no answer from the server this long: treat the kiosk as gone
  let seq = 0, statusSeq = 0, ended = false, connected = true;
  let last = null, lastAt = 0, markerSeq = 0, lastActive = 0, objectUrl = null;
  let screenId = null;

  function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  async function post(path, body) {
    const response = await fetch(base + path, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": root.dataset.csrf },
      body: JSON.stringify(body || {}),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = (answer.errors && answer.errors[0]) || { message: "没有成功，请再试一次" };
      throw new Error(error.message);
    }
    return answer;
  }

  function say(text) { $("message").textContent = text || ""; }

  async function showFrame(n) {
    const response = await fetch(base + "/frames/" + n, { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    await new Promise((resolve) => { img.onload = resolve; img.onerror = resolve; img.src = url; });
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = url;
    img.hidden = false;
    $("waiting").hidden = true;
    img.dataset.seq = String(n);
  }

  function fill(list, items, empty) {
    list.replaceChildren();
    (items.length ? items : [empty]).forEach((text) => {
      const li = document.createElement("li");
      li.textContent = text;
      if (!items.length) li.className = "empty";
      list.appendChild(li);
    });
  }

  function clock(seconds) {
    const s = Math.max(0, Math.round(seconds));
    return Math.floor(s / 60) + " 分 " + String(s % 60).padStart(2, "0") + " 秒";
  }

  function tick() {  // once a second: ages and the countdown move on between answers
    if (ended || !last) return;
    const passed = (Date.now() - lastAt) / 1000;
    setConnected(last.connected && Date.now() - lastAt < STALE_MS);
    $("age").textContent = last.picture_age_s === null ? "画面尚未收到"
      : "画面 " + Math.round(last.picture_age_s + passed) + " 秒前更新";
    const countdown = $("countdown");
    countdown.hidden = last.remaining_s === null;
    if (last.remaining_s !== null) {
      const left = last.remaining_s - (connected ? passed : 0);
      countdown.classList.toggle("warn", left <= 120);
      countdown.textContent = "协助剩余 " + clock(left) + (left <= 120
        ? (last.extended ? "（老人已延长过一次）" : " · 快到时间了，老人可以在屏幕上延长一次") : "");
    }
  }

  function setConnected(on) {
    connected = on;
    const c = $("connection");
    c.textContent = on ? "已连接" : "连接中断";
    c.className = on ? "ok" : "bad";
    root.dataset.connection = on ? "connected" : "lost";
    document.querySelectorAll("#hints button").forEach((b) => { b.disabled = ended || !on; });
  }

  function showHints() {  // the ones for the current screen first, numbered for keys 1–9
    const box = $("hints");
    const ordered = HINTS.filter((h) => h.screens.includes(screenId))
      .concat(HINTS.filter((h) => !h.screens.includes(screenId)));
    box.replaceChildren();
    ordered.forEach((hint, i) => {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.code = hint.code;
      button.textContent = (i < 9 ? (i + 1) + " " : "") + hint.text;
      button.disabled = ended || !connected;
      button.addEventListener("click", () => sendHint(hint.code));
      box.appendChild(button);
    });
  }

  function show(state) {
    last = state; lastAt = Date.now();
    root.dataset.state = state.state.code;
    $("status").textContent = state.frame_seq ? state.state.label : "等待老人同意查看屏幕…";
    $("screen").textContent = state.screen_title || "—";
    $("step").textContent = state.step;
    fill($("actions"), state.actions, "还没有操作");
    fill($("timeline"), state.screens.map((s) => s.at + "  " + s.title), "—");
    if (state.screen_id !== screenId) { screenId = state.screen_id; showHints(); }
    if (markerSeq && state.events_seen >= markerSeq && state.ring_seq !== markerSeq) {
      marker.hidden = true;  // the kiosk's ring has gone (timed out, screen changed, new point)
      markerSeq = 0;
    }
    tick();
  }

  function showEnded(reason) {
    ended = true;
    root.dataset.state = "ended";
    const words = reason ? reason.label : "协助已结束";
    $("status").textContent = "协助已结束：" + words;
    $("ended").textContent = "协助已结束（" + words + "），老人的屏幕已不再显示。";
    $("ended").hidden = false;
    $("waiting").hidden = true;
    $("countdown").hidden = true;
    img.hidden = true;
    marker.hidden = true;
    $("end").disabled = true;
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    document.querySelectorAll("#hints button").forEach((b) => { b.disabled = true; });
    document.title = "已结束 · " + document.title.replace(/^协助中 · /, "");
  }

  async function poll() {
    while (!ended) {
      let state;
      try {
        const response = await fetch(base + "/state?wait=1.5&after=" + seq + "&status_after=" + statusSeq,
          { cache: "no-store", credentials: "same-origin" });
        if (response.status === 401) { location.href = "/staff"; return; }
        if (response.status === 404) { showEnded(null); return; }
        if (!response.ok) throw new Error(String(response.status));
        state = await response.json();
      } catch (err) {
        tick();
        await sleep(1000);
        continue;
      }
      statusSeq = state.status_seq;
      if (state.state.code === "ended") { show(state); showEnded(state.end_reason); return; }
      show(state);
      if (state.frame_seq > seq) { seq = state.frame_seq; await showFrame(seq); }
    }
  }

  async function sendHint(code) {
    if (ended || !connected) { say("连接中断，现在不能发提示"); return; }
    try { await post("/events", { type: "hint", hint_code: code }); say(""); }
    catch (err) { say(err.message); }
  }

  img.addEventListener("click", async (e) => {
    if (ended) return;
    if (!connected) { say("连接中断，现在不能指点"); return; }
    // Normalised to the picture itself (inside the border), as the kiosk maps it to its window.
    const box = img.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - box.left - img.clientLeft) / img.clientWidth));
    const y = Math.min(1, Math.max(0, (e.clientY - box.top - img.clientTop) / img.clientHeight));
    marker.style.left = (img.offsetLeft + img.clientLeft + x * img.clientWidth) + "px";
    marker.style.top = (img.offsetTop + img.clientTop + y * img.clientHeight) + "px";
    marker.hidden = false;
    try { markerSeq = (await post("/events", { type: "pointer", x: x, y: y })).seq; say(""); }
    catch (err) { marker.hidden = true; say(err.message); }
  });

  document.querySelectorAll(".zoom button").forEach((button) => {
    button.addEventListener("click", () => {
      document.querySelectorAll(".zoom button").forEach((b) => b.classList.toggle("on", b === button));
      const zoom = button.dataset.zoom;
      $("stage").classList.toggle("fit", zoom === "fit");
      img.style.width = zoom === "fit" ? "" : Math.round(img.naturalWidth * Number(zoom)) + "px";
      marker.hidden = true;
    });
  });

  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, textarea, select") || e.ctrlKey || e.altKey || e.metaKey) return;
    const n = Number(e.key);
    const buttons = document.querySelectorAll("#hints button");
    if (n >= 1 && n <= 9 && buttons[n - 1]) { e.preventDefault(); sendHint(buttons[n - 1].dataset.code); }
  });

  // The worker working in the console keeps the kiosk's idle timer from wiping the session.
  ["mousemove", "keydown", "click"].forEach((type) => document.addEventListener(type, () => {
    if (ended || !connected || Date.now() - lastActive < ACTIVE_EVERY_MS) return;
    lastActive = Date.now();
    post("/events", { type: "active" }).catch(() => {});
  }));

  $("end").addEventListener("click", async () => {
    try { await post("/end"); say(""); } catch (err) { say(err.message); }
  });

  $("note").addEventListener("submit", async (e) => {
    e.preventDefault();
    const form = e.target;
    try {
      const saved = await post("/note", { note: form.note.value, ticket: form.ticket.value });
      $("note-saved").textContent = "已保存（" + saved.saved_at + "）";
    } catch (err) { $("note-saved").textContent = err.message; }
  });

  showHints();
  setInterval(tick, 1000);
  poll();
})();

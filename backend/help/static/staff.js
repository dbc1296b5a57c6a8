// Live view of one help session: long-poll the state, show each new frame, send pointer
// events and canned hints. Staff can point, never press: there is nothing else to send.
"use strict";
(function () {
  const root = document.getElementById("live");
  if (!root) return;
  const base = "/staff/api/sessions/" + encodeURIComponent(root.dataset.session);
  const img = document.getElementById("frame");
  const marker = document.getElementById("marker");
  const statusText = document.getElementById("status");
  const screenText = document.getElementById("screen");
  let seq = 0;
  let objectUrl = null;
  let ended = false;

  function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  async function showFrame(n) {
    const response = await fetch(base + "/frames/" + n, { cache: "no-store", credentials: "same-origin" });
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    await new Promise((resolve) => { img.onload = resolve; img.onerror = resolve; img.src = url; });
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = url;
    img.hidden = false;
    img.dataset.seq = String(n);
  }

  function showEnded() {
    ended = true;
    root.dataset.state = "ended";
    statusText.textContent = "协助已结束";
    img.hidden = true;
    marker.hidden = true;
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    document.getElementById("ended").hidden = false;
    document.querySelectorAll("#hints button").forEach((b) => { b.disabled = true; });
  }

  async function poll() {
    while (!ended) {
      let state;
      try {
        const response = await fetch(base + "/state?wait=20&after=" + seq,
          { cache: "no-store", credentials: "same-origin" });
        if (response.status === 401 || response.status === 404) { showEnded(); return; }
        if (!response.ok) throw new Error(String(response.status));
        state = await response.json();
      } catch (err) {
        await sleep(1000);
        continue;
      }
      root.dataset.state = state.state.code;
      if (state.state.code === "ended") { showEnded(); return; }
      statusText.textContent = state.frame_seq ? state.state.label : "等待老人同意查看屏幕…";
      if (state.frame_seq > seq) {
        seq = state.frame_seq;
        screenText.textContent = state.screen_id || "—";
        await showFrame(seq);
      }
    }
  }

  async function send(event) {
    if (ended) return;
    const response = await fetch(base + "/events", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": root.dataset.csrf },
      body: JSON.stringify(event),
    });
    if (response.status === 409) showEnded();
  }

  img.addEventListener("click", (e) => {
    // Normalised to the picture itself (inside the border), as the kiosk maps it to its window.
    const box = img.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - box.left - img.clientLeft) / img.clientWidth));
    const y = Math.min(1, Math.max(0, (e.clientY - box.top - img.clientTop) / img.clientHeight));
    marker.style.left = (img.clientLeft + x * img.clientWidth) + "px";
    marker.style.top = (img.clientTop + y * img.clientHeight) + "px";
    marker.hidden = false;
    send({ type: "pointer", x: x, y: y });
  });

  const hints = document.getElementById("hints");
  JSON.parse(root.dataset.hints).forEach((hint) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = hint.text;
    button.dataset.code = hint.code;
    button.addEventListener("click", () => send({ type: "hint", hint_code: hint.code }));
    hints.appendChild(button);
  });

  poll();
})();

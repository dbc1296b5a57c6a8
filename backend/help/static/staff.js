// The console's pages: browser form messages in Chinese, and on /staff the live queue of
// kiosks waiting for help, the worker's own open sessions (我的协助) and how many requests
// seniors left wait (老人留下的请求), refreshed every 2 s.
"use strict";
(function () {
  // Chromium words its own form messages in the browser's language: say them in Chinese.
  document.querySelectorAll("input, textarea").forEach((input) => {
    const label = input.closest("label");
    const name = label ? label.firstChild.textContent.trim() : "这一项";
    input.addEventListener("invalid", () => {
      const v = input.validity;
      input.setCustomValidity(v.valueMissing ? (input.dataset.required || "请填写" + name)
        : v.patternMismatch ? (input.dataset.pattern || name + "的格式不对")
        : v.tooLong ? name + "太长了" : name + "不对");
    });
    input.addEventListener("input", () => input.setCustomValidity(""));
  });

  const consoleRoot = document.getElementById("console");
  if (!consoleRoot) return;
  const code = document.querySelector("#join input[name=code]");
  if (document.getElementById("join-error").textContent.trim()) { code.focus(); code.select(); }

  function cell(text) { const td = document.createElement("td"); td.textContent = text; return td; }

  function minutes(seconds) {
    return seconds < 60 ? seconds + " 秒" : Math.floor(seconds / 60) + " 分 " + (seconds % 60) + " 秒";
  }

  function showQueue(waiting) {
    const body = document.getElementById("queue");
    body.replaceChildren();
    waiting.forEach((w) => {
      const tr = document.createElement("tr");
      tr.dataset.session = w.id;
      [w.place_name, w.terminal, w.since_clock, minutes(w.waiting_s), w.screen_title]
        .forEach((t) => tr.appendChild(cell(t)));
      body.appendChild(tr);
    });
    if (!waiting.length) {
      const tr = document.createElement("tr");
      tr.className = "empty";
      const td = cell("现在没有老人在等");
      td.colSpan = 5;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  function showMine(mine) {
    const list = document.getElementById("mine");
    list.replaceChildren();
    mine.forEach((m) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = "/staff/sessions/" + encodeURIComponent(m.id);
      a.textContent = m.place_name + " · " + m.screen_title + (m.connected ? "" : " · 连接中断");
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!mine.length) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "没有进行中的协助";
      list.appendChild(li);
    }
  }

  async function refresh() {
    try {
      const response = await fetch("/staff/api/queue", { cache: "no-store", credentials: "same-origin" });
      if (response.status === 401) { location.href = "/staff"; return; }
      if (!response.ok) throw new Error(String(response.status));
      const body = await response.json();
      showQueue(body.waiting);
      showMine(body.mine);
      document.getElementById("requests-link").textContent = "老人留下的请求（" + body.requests_open + "）";
      document.getElementById("queue-updated").textContent = "（" + body.at + " 更新）";
    } catch (err) {
      document.getElementById("queue-updated").textContent = "（与服务器的连接中断，正在重试）";
    }
  }

  refresh();
  setInterval(refresh, 2000);
})();

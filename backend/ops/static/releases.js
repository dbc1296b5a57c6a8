// Uploads a kiosk wheel to /ops/releases/upload as the raw request body (no multipart), with
// the page's CSRF token in a header; the backend reads the version from the wheel itself.
"use strict";
(function () {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const result = document.getElementById("upload-result");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = document.getElementById("wheel-file").files[0];
    if (!file) return;
    result.textContent = "正在上传…";
    try {
      const response = await fetch("/ops/releases/upload", {
        method: "POST",
        body: file,
        headers: { "Content-Type": "application/octet-stream", "X-CSRF-Token": form.dataset.csrf },
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (response.ok) {
        result.textContent = "已发布 " + answer.version;
        window.location.reload();
      } else {
        result.textContent = "没有发布：" + ((answer.errors && answer.errors[0].message) || response.status);
        result.className = "error";
      }
    } catch (error) {
      result.textContent = "没有发布：连不上服务器";
      result.className = "error";
    }
  });
})();

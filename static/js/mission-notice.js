/* The dashboard's notice of planned missions that overlap other cities' plans:
   fetched after the page loads (the server sends nothing when there is none). */
(function () {
  "use strict";
  var box = document.getElementById("mission-notice");
  if (!box || !window.fetch) return;
  fetch(box.dataset.noticeUrl, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) { if (html.trim()) box.innerHTML = html; })
    .catch(function () {});
})();

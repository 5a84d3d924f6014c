// Keeps the "Help save this space" pledge count live: polls the count while the page is
// visible and updates the numbers in place (the element is an aria-live region).
(function () {
  "use strict";
  var box = document.querySelector("[data-pledge-count-url]");
  if (!box || !window.fetch) return;
  var url = box.dataset.pledgeCountUrl;
  var root = box.closest("section") || document;

  function set(name, value) {
    root.querySelectorAll("[data-pledge-" + name + "]").forEach(function (el) {
      if (el.textContent !== String(value)) el.textContent = String(value);
    });
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        set("total", data.total);
        set("noun", data.total === 1 ? "person has" : "people have");
        ["time", "skills", "money", "voice"].forEach(function (k) { set(k, data[k]); });
      })
      .catch(function () {});
  }

  setInterval(refresh, 20000);
  document.addEventListener("visibilitychange", refresh);
})();

// Shows only the area fields that fit the chosen kind of area. Without JavaScript every
// field shows, and the server ignores the ones that do not apply.
(function () {
  "use strict";

  function init() {
    var form = document.querySelector(".group-form");
    if (!form) return;
    var place = form.querySelector(".area-place");
    var districts = form.querySelector(".area-districts");
    var radios = form.querySelectorAll('input[name="area_type"]');

    function update() {
      var chosen = form.querySelector('input[name="area_type"]:checked');
      var value = chosen ? chosen.value : "place";
      place.hidden = value !== "place";
      districts.hidden = value !== "districts";
    }

    radios.forEach(function (radio) {
      radio.addEventListener("change", update);
    });
    update();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

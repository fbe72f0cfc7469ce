/* The navigation's "More" menu opens without script (<details>); this closes it
   on Escape or a click elsewhere, as a menu is expected to. */
(function () {
  "use strict";
  var menu = document.querySelector(".nav-more details");
  if (!menu) return;
  document.addEventListener("click", function (event) {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();

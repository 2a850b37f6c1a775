/* Folds the main menu behind a "Menu" button on small screens. Without
   JavaScript the button stays hidden and the menu stays open. */
(function () {
    "use strict";
    var toggle = document.querySelector("[data-menu-toggle]");
    var menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!menu) {
        return;
    }

    function setOpen(open) {
        toggle.setAttribute("aria-expanded", String(open));
        menu.classList.toggle("is-open", open);
    }

    document.documentElement.classList.add("has-menu-toggle");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            toggle.focus();
        }
    });
})();

// The first opening of a convocation through its personal link is recorded
// on the member's first gesture on the page (pointer, touch, key), never on
// the page load alone: mail scanners fetch links but make no gesture.
(function () {
  "use strict";
  var form = document.querySelector("form[data-meeting-opening]");
  if (!form) {
    return;
  }
  var gestures = ["pointerdown", "touchstart", "keydown", "wheel"];
  function stop() {
    gestures.forEach(function (name) {
      window.removeEventListener(name, record, true);
    });
  }
  function record(event) {
    if (!event.isTrusted) {
      return;
    }
    stop();
    fetch(form.action || window.location.href, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      keepalive: true,
    });
  }
  gestures.forEach(function (name) {
    window.addEventListener(name, record, {capture: true, passive: true});
  });
})();

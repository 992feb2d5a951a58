// The desk kiosk forgets each patron: after a check-in (10 s) or when left alone (30 s) it goes back to the empty
// form; on the empty form it clears what was typed. Without script, the "Done" link does the same.
(function () {
  'use strict';
  var kiosk = document.getElementById('kiosk');
  if (!kiosk) {
    return;
  }

  var home = kiosk.getAttribute('data-kiosk-home');
  var empty = kiosk.getAttribute('data-kiosk-empty') === 'true';
  var seconds = parseInt(kiosk.getAttribute('data-idle-seconds'), 10) || 30;
  var timer;

  function idle() {
    if (!empty) {
      window.location.replace(home);
      return;
    }
    var form = kiosk.querySelector('form');
    if (form) {
      form.reset();
    }
    wait();
  }

  function wait() {
    window.clearTimeout(timer);
    timer = window.setTimeout(idle, seconds * 1000);
  }

  ['keydown', 'pointerdown', 'input'].forEach(function (name) {
    document.addEventListener(name, wait, true);
  });
  wait();
})();

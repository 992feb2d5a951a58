// The door display refreshes itself: fetch the next page of the board and swap it in place, without a reload's
// flash. If the server cannot be reached the board stays as it was (it says when it was updated) and tries again.
(function () {
  'use strict';
  var board = document.getElementById('door-board');
  if (!board || !window.fetch || !window.DOMParser) {
    return;
  }

  var seconds = parseInt(board.getAttribute('data-refresh-seconds'), 10) || 60;

  function refresh() {
    fetch(board.getAttribute('data-next'), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, 'text/html');
        var fresh = page.getElementById('door-board');
        if (fresh) {
          board.replaceWith(document.importNode(fresh, true));
          board = document.getElementById('door-board');
          document.title = page.title;
        }
      })
      .catch(function () { /* keep what is shown */ })
      .then(function () { window.setTimeout(refresh, seconds * 1000); });
  }

  window.setTimeout(refresh, seconds * 1000);
})();

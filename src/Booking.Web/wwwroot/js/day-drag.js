// The day view's drag to pick a range: press on a free block and drag along the same resource's row across free
// blocks that follow each other, then let go to open the booking form with that start and end. Mouse and pen only:
// on touch a drag scrolls the table, and the keyboard, touch and no-script paths are the blocks' own links.
(function () {
  'use strict';
  var table = document.querySelector('table[data-drag="day"]');
  if (!table) {
    return;
  }

  var row = null;
  var first = null;
  var picked = [];
  var dragged = false;

  function freeCell(target) {
    var cell = target && target.closest ? target.closest('td.free') : null;
    return cell && table.contains(cell) ? cell : null;
  }

  function clear() {
    picked.forEach(function (cell) { cell.classList.remove('picked'); });
    picked = [];
  }

  // The free blocks from the first to this one; a gap (booked or closed time) between them keeps the last good pick.
  function pickTo(cell) {
    var cells = Array.prototype.slice.call(row.querySelectorAll('td.free'));
    var a = cells.indexOf(first);
    var b = cells.indexOf(cell);
    if (a < 0 || b < 0) {
      return;
    }

    var run = cells.slice(Math.min(a, b), Math.max(a, b) + 1);
    for (var i = 1; i < run.length; i++) {
      if (run[i].dataset.start !== run[i - 1].dataset.end) {
        return;
      }
    }

    clear();
    picked = run;
    picked.forEach(function (c) { c.classList.add('picked'); });
  }

  table.addEventListener('pointerdown', function (event) {
    if (event.pointerType === 'touch' || event.button !== 0) {
      return;
    }

    var cell = freeCell(event.target);
    if (!cell) {
      return;
    }

    row = cell.parentElement;
    first = cell;
    dragged = false;
    pickTo(cell);
    table.classList.add('dragging');
    event.preventDefault(); // no text selection and no dragging of the link itself; a plain click still follows it
  });

  table.addEventListener('pointerover', function (event) {
    if (!first) {
      return;
    }

    var cell = freeCell(event.target);
    if (cell && cell.parentElement === row) {
      dragged = dragged || cell !== first;
      pickTo(cell);
    }
  });

  document.addEventListener('pointerup', function () {
    if (!first) {
      return;
    }

    table.classList.remove('dragging');
    first = null;
    if (dragged && picked.length > 1) {
      var start = picked[0].dataset.start;
      var end = picked[picked.length - 1].dataset.end;
      window.location.href = '/reservations/new?resourceId=' + encodeURIComponent(row.dataset.resource) +
        '&start=' + encodeURIComponent(start) + '&end=' + encodeURIComponent(end);
      return;
    }

    clear();
  });

  // After a drag the browser may still send a click: it must not follow the first block's link.
  table.addEventListener('click', function (event) {
    if (dragged) {
      event.preventDefault();
      dragged = false;
    }
  }, true);
})();

/* Runs inside the headless browser page (test/visual/card-renderer.ts): renders one Adaptive Card with
 * Microsoft's renderer and a Teams host config, and measures it. Plain browser JavaScript on purpose. */
/* global AdaptiveCards, markdownit */
// eslint-disable-next-line no-unused-vars
function renderAndMeasure(args) {
  var md = markdownit({ html: false, linkify: true, breaks: true });
  // Teams renders TextBlock markdown (lists, links, bare URLs too); so does this page.
  AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {
    result.outputHtml = md.render(text);
    result.didProcess = true;
  };
  document.body.style.background = args.pageBackground;
  var host = document.getElementById('card');
  host.style.width = args.width + 'px';
  host.innerHTML = '';
  var card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(args.hostConfig);
  card.parse(args.card);
  var el = card.render();
  if (!el) throw new Error('the renderer returned nothing');
  host.appendChild(el);

  var box = el.getBoundingClientRect();
  function describe(n) {
    return n.tagName + '.' + (n.getAttribute('class') || '').split(' ')[0] + " '" + (n.textContent || '').trim().slice(0, 40) + "'";
  }
  function visible(n) {
    var r = n.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(n).visibility !== 'hidden';
  }
  var all = Array.prototype.filter.call(el.querySelectorAll('*'), visible);
  var tooWide = all
    .filter(function (n) {
      var r = n.getBoundingClientRect();
      return r.right > box.right + 1 || r.left < box.left - 1;
    })
    .map(function (n) {
      return describe(n) + ' ' + Math.round(n.getBoundingClientRect().right - box.left) + 'px';
    });
  var clipped = all
    .filter(function (n) {
      return n.children.length === 0 && (n.textContent || '').trim() !== '';
    })
    .filter(function (n) {
      var s = getComputedStyle(n);
      var cutX = n.scrollWidth > n.clientWidth + 1 && (s.overflowX === 'hidden' || s.textOverflow === 'ellipsis');
      var cutY = n.scrollHeight > n.clientHeight + 2 && s.overflowY === 'hidden';
      return cutX || cutY;
    })
    .map(describe);
  var untitled = Array.prototype.filter
    .call(el.querySelectorAll('button, [role="button"]'), visible)
    .filter(function (b) {
      return (b.textContent || '').trim() === '' && (b.getAttribute('aria-label') || '').trim() === '' && (b.getAttribute('title') || '').trim() === '';
    })
    .map(describe);
  var markdown = Array.prototype.map.call(el.querySelectorAll('ol, ul, h1, h2, h3, h4, h5, h6, a'), describe);
  var misaligned = [];
  // A ColumnSet is a row: its columns' texts must start on one line. Where every column holds the same
  // number of texts (a legend drawn as two independent columns), the n-th texts must line up too.
  Array.prototype.filter.call(el.querySelectorAll('.ac-columnSet'), visible).forEach(function (set) {
    var columns = Array.prototype.filter.call(set.children, function (c) {
      return c.classList.contains('ac-container') && visible(c);
    });
    var texts = columns.map(function (c) {
      return Array.prototype.filter.call(c.querySelectorAll('.ac-textBlock'), visible);
    }).filter(function (t) {
      return t.length > 0;
    });
    if (texts.length < 2) return;
    var rows = texts.every(function (t) { return t.length === texts[0].length; }) ? texts[0].length : 1;
    for (var i = 0; i < rows; i++) {
      var tops = texts.map(function (t) {
        return t[i].getBoundingClientRect().top;
      });
      if (Math.max.apply(null, tops) - Math.min.apply(null, tops) > 2) {
        misaligned.push(describe(set) + ' row ' + (i + 1) + ' tops ' + tops.map(Math.round).join('/'));
        return;
      }
    }
  });
  return { height: Math.round(box.height), tooWide: tooWide, clipped: clipped, untitled: untitled, markdown: markdown, misaligned: misaligned };
}

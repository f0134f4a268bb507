// Sends the CSRF token with every htmx request (the token is in <meta name="_csrf">).
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.getAttribute('content')] = token.getAttribute('content');
  }
});
// After htmx swaps a result region, tell assistive technology it changed.
document.addEventListener('htmx:afterSwap', function (event) {
  var target = event.detail.target;
  if (target && target.hasAttribute('data-focus-after-swap')) {
    target.focus();
  }
});

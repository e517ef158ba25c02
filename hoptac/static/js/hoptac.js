// What the templates would otherwise write inline: the Content-Security-Policy allows only scripts served
// from hoptac's static files, and no eval, so no <script> blocks, on*= or hx-on attributes (docs/adr/0019).

// A form with data-failure-notice="ID" shows the element ID when its htmx request fails (a server
// error or no network) and hides it again when the form is sent anew.
(function () {
  function notice(event) {
    var form = event.detail.elt.closest("[data-failure-notice]");
    return form && document.getElementById(form.dataset.failureNotice);
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var element = notice(event);
    if (element) element.hidden = true;
  });
  ["htmx:responseError", "htmx:sendError"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var element = notice(event);
      if (element) element.hidden = false;
    });
  });
})();

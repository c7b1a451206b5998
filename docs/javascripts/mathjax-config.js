// MathJax 3 set up for pymdownx.arithmatex in generic mode: arithmatex wraps every formula
// in an element of class "arithmatex" holding \( ... \) (inline) or \[ ... \] (display);
// MathJax typesets only those elements. The MathJax file itself (tex-svg-full.js, loaded
// next) is copied into the site at build time from the django-static-mathjax package
// (scripts/docs_pages.py, mathjax_assets): nothing is fetched from another host.
window.MathJax = {
  tex: {
    inlineMath: [["\\(", "\\)"]],
    displayMath: [["\\[", "\\]"]],
    processEscapes: true,
    processEnvironments: true,
  },
  options: {
    ignoreHtmlClass: ".*|",
    processHtmlClass: "arithmatex",
  },
  svg: { fontCache: "global" },
};

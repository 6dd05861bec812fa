/**
 * Hostile strings for every text field of a plan or results file (unit tests and e2e share them).
 * Each tries to run script (sets window.__xss) or to create an element; shown as text, none may.
 * They avoid control characters (the validators refuse those outright, which a test checks apart).
 */
export const XSS_VECTORS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=2">',
  '<svg onload="window.__xss=3"></svg>',
  '"><iframe src="javascript:window.__xss=4"></iframe>',
  '\'><a href="javascript:window.__xss=5">x</a>',
  '<details open ontoggle="window.__xss=6">',
  '[click](javascript:window.__xss=7)',
  '![x](x" onerror="window.__xss=8)',
  '{{constructor.constructor("window.__xss=9")()}}',
  '<style>*{display:none}</style><b class="xss-made">bold</b>',
  '=HYPERLINK("http://evil.example","x")',
  '&lt;img src=x onerror=window.__xss=10&gt;',
];

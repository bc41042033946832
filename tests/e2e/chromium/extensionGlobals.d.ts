// Code passed to serviceWorker.evaluate() runs inside the extension's service worker, where `chrome`
// is the extension API. This declaration lets that code type-check in the test files.
declare const chrome: import('wxt/browser').WxtBrowser;

import { describe, expect, it } from 'vitest';
import { unscannableAfterNoAnswer, unscannableByUrl } from '../../lib/core/pageAccess';

describe('unscannableByUrl', () => {
  it('lets a normal web page through', () => {
    expect(unscannableByUrl('https://www.dawn.com/news/1768000')).toBeUndefined();
    expect(unscannableByUrl('http://example.com/article?id=3#top')).toBeUndefined();
    expect(unscannableByUrl('https://example.com/report.pdf.html')).toBeUndefined();
  });

  it('refuses a tab without a URL', () => {
    expect(unscannableByUrl(undefined)?.reason).toMatch(/browser page/);
    expect(unscannableByUrl('')?.reason).toMatch(/browser page/);
  });

  it('refuses browser and extension pages', () => {
    for (const url of [
      'chrome://extensions/',
      'about:blank',
      'moz-extension://abc-123/popup.html',
      'chrome-extension://abcdef/options.html',
      'edge://settings',
      'view-source:https://example.com/',
    ]) {
      const result = unscannableByUrl(url);
      expect(result, url).toBeDefined();
      expect(result!.reason).toMatch(/Browser and extension pages/);
      expect(result!.canRequestAccess).toBeFalsy();
    }
  });

  it('refuses local files with a fix', () => {
    const result = unscannableByUrl('file:///home/me/article.html');
    expect(result?.reason).toMatch(/Local files/);
    expect(result?.fix).toMatch(/web address/);
  });

  it('refuses the add-on stores', () => {
    for (const url of [
      'https://chromewebstore.google.com/detail/x',
      'https://chrome.google.com/webstore/detail/x',
      'https://addons.mozilla.org/en-US/firefox/',
      'https://microsoftedge.microsoft.com/addons/detail/x',
    ]) {
      expect(unscannableByUrl(url)?.reason, url).toMatch(/add-on stores/);
    }
    // Another page on google.com is fine.
    expect(unscannableByUrl('https://news.google.com/articles/x')).toBeUndefined();
  });

  it('refuses PDFs, whatever the case of the extension', () => {
    expect(unscannableByUrl('https://example.com/docs/report.pdf')?.reason).toMatch(/PDF/);
    expect(unscannableByUrl('https://example.com/docs/REPORT.PDF?dl=1')?.reason).toMatch(/PDF/);
  });

  it('refuses garbage that is not a URL', () => {
    for (const url of ['not a url', '://nothing', 'www.example.com']) {
      expect(unscannableByUrl(url)?.reason, url).toMatch(/no web address/);
    }
  });
});

describe('unscannableAfterNoAnswer', () => {
  it('offers to request access when the extension lacks host access', () => {
    const r = unscannableAfterNoAnswer(false);
    expect(r.canRequestAccess).toBe(true);
    expect(r.reason).toMatch(/not allowed/);
    expect(r.fix).toMatch(/Allow access/);
  });

  it('suggests a reload when access is there but the script did not answer', () => {
    const r = unscannableAfterNoAnswer(true);
    expect(r.canRequestAccess).toBeFalsy();
    expect(r.reason).toMatch(/has not run/);
    expect(r.fix).toMatch(/Reload/);
  });
});

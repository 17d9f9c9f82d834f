// The HTTP helpers both servers share.
import { describe, expect, it } from 'vitest';
import { beforeBodyEnd } from '../../src/server/http.js';

describe('beforeBodyEnd', () => {
  it('trust-b 08: adds a script at the end of the body, not inside a slide script that holds "</body>"', () => {
    const page = '<body><section><script>var endTag = "</body>";</script></section>\n</body>\n</html>';
    expect(beforeBodyEnd(page, '<script src="/live.js"></script>')).toBe('<body><section><script>var endTag = "</body>";</script></section>\n<script src="/live.js"></script></body>\n</html>');
  });
  it('appends to a page without a body end', () => {
    expect(beforeBodyEnd('<p>hi</p>', '<script></script>')).toBe('<p>hi</p><script></script>');
  });
});

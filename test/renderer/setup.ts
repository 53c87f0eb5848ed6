/** Renderer tests: unmount what each test rendered, and give jsdom the few browser APIs it lacks. */
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Answers come from a real book, some through its job worker threads, on a busy 2-core machine:
// wait up to 3 s for them rather than Testing Library's 1 s.
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
  cleanup();
  document.documentElement.removeAttribute('data-theme');
  localStorage.clear();
  window.location.hash = '';
});

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => {},
      removeEventListener: () => {},
      addListener: () => {},
      removeListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = function scrollIntoView() {};
}

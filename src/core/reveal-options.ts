// reveal-md's `revealOptions`: reveal.js settings passed to the deck as they are, each key
// checked against reveal.js 6's config (config.d.ts; a test keeps this list in step with it).
import { suggestKey } from './suggest.js';

export const REVEAL_CONFIG_KEYS = [
  'width', 'height', 'margin', 'minScale', 'maxScale', 'controls', 'controlsTutorial', 'controlsLayout', 'controlsBackArrows',
  'progress', 'slideNumber', 'showSlideNumber', 'hashOneBasedIndex', 'hash', 'respondToHashChanges', 'jumpToSlide', 'history',
  'keyboard', 'keyboardCondition', 'disableLayout', 'overview', 'center', 'touch', 'loop', 'rtl', 'navigationMode', 'shuffle',
  'fragments', 'fragmentInURL', 'embedded', 'help', 'pause', 'showNotes', 'showHiddenSlides', 'autoPlayMedia', 'preloadIframes',
  'preventIframeAutoFocus', 'autoAnimate', 'autoAnimateMatcher', 'autoAnimateEasing', 'autoAnimateDuration', 'autoAnimateUnmatched',
  'autoAnimateStyles', 'autoSlide', 'autoSlideStoppable', 'autoSlideMethod', 'defaultTiming', 'mouseWheel', 'previewLinks',
  'postMessage', 'postMessageEvents', 'focusBodyOnPageVisibilityChange', 'transition', 'transitionSpeed', 'backgroundTransition',
  'parallaxBackgroundImage', 'parallaxBackgroundSize', 'parallaxBackgroundRepeat', 'parallaxBackgroundPosition',
  'parallaxBackgroundHorizontal', 'parallaxBackgroundVertical', 'view', 'scrollLayout', 'scrollSnap', 'scrollProgress',
  'scrollActivationWidth', 'pdfMaxPagesPerSlide', 'pdfSeparateFragments', 'pdfPageHeightOffset', 'viewDistance',
  'mobileViewDistance', 'display', 'hideInactiveCursor', 'hideCursorTime', 'sortFragmentsOnSync', 'highlight', 'markdown', 'katex',
  'mathjax2', 'mathjax3', 'mathjax4', 'dependencies', 'plugins',
];

/** Settings Kamishibai owns: its slide size and PDF layout depend on them, and plugins are its own. */
const KEPT = new Set(['width', 'height', 'margin', 'dependencies', 'plugins', 'markdown', 'highlight', 'katex', 'mathjax2', 'mathjax3', 'mathjax4']);

/** The options reveal.js will get from `revealOptions`, and a message for each key that is dropped. */
export function checkRevealOptions(options: Record<string, unknown>): { passed: Record<string, unknown>; problems: string[] } {
  const passed: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (!REVEAL_CONFIG_KEYS.includes(key)) {
      const hint = suggestKey(key, REVEAL_CONFIG_KEYS);
      problems.push(`revealOptions: "${key}" is not a reveal.js option${hint ? `; did you mean "${hint}"?` : ''} (left out)`);
    } else if (KEPT.has(key)) {
      problems.push(`revealOptions: "${key}" is set by Kamishibai (slide size, plugins, PDF layout) and is left out; use aspectRatio for the size`);
    } else passed[key] = value;
  }
  return { passed, problems };
}

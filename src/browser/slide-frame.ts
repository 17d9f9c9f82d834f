// One slide of the print page moved into a frame for a handout: the slide laid out at its own
// size in a scaler, with its page's background and number, every fragment shown.
// Self-contained: the handout layouts (which run in the page) get it with installSlideFrame().
import type { Page } from 'puppeteer-core';

export function slideFrame(pdfPage: HTMLElement, section: HTMLElement, frameClass: string, scalerClass: string): HTMLElement {
  const frame = document.createElement('div');
  frame.className = frameClass;
  const scaler = document.createElement('div');
  scaler.className = scalerClass;
  // The slide's own background (data-background-*) is on its page.
  for (const prop of ['background-color', 'background-image', 'background-size', 'background-position']) {
    const value = pdfPage.style.getPropertyValue(prop);
    if (value) scaler.style.setProperty(prop, value);
  }
  section.style.left = '0px';
  section.style.top = '0px';
  section.querySelectorAll('.fragment').forEach((f) => f.classList.add('visible'));
  scaler.appendChild(section);
  // Its number, where the slide shows one: a reader finds the slide a speaker names by it.
  const number = pdfPage.querySelector('.slide-number-pdf');
  if (number) scaler.appendChild(number);
  frame.appendChild(scaler);
  return frame;
}

/** Make slideFrame() callable in the page, as window.kamishibaiSlideFrame. */
export async function installSlideFrame(page: Page): Promise<void> {
  await page.evaluate(`window.kamishibaiSlideFrame = ${slideFrame.toString()};`);
}

export type SlideFrame = typeof slideFrame;

// What a build writes for a talk, named once, and how long a browser step may take.
export const talkFiles = (slug: string) => ({
  page: 'index.html',
  pdf: `${slug}.pdf`,
  handout: `${slug}-handout.pdf`,
  og: 'og.png',
  singleFile: `${slug}.html`,
  notes: `${slug}-notes.md`,
  pptx: `${slug}.pptx`,
});

/** What each talk's folder says of it (title, event, PDFs), so a one-talk build can list the others. */
export const TALK_SUMMARY = 'talk.json';

/** Upper bound on each browser step of a talk (load, print), unless --timeout says otherwise. */
export const BROWSER_STEP_MS = 120_000;

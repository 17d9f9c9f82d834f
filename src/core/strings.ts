// Words Kamishibai itself puts on pages (the handout), by deck language. They are part of
// the deck's text, so the font subset must include them.

export interface HandoutStrings {
  noNotes: string;
}

export function handoutStrings(lang: string): HandoutStrings {
  if (lang.toLowerCase().startsWith('ja')) return { noNotes: '(このスライドにノートはありません)' };
  return { noNotes: '(No notes for this slide.)' };
}

// Handlebars templates from templates/: the deck shell (deck.hbs), one layout a file in
// layouts/, partials in partials/. A forker changes the look here without touching src/.
import type { TemplateDelegate } from 'handlebars';
import { error, type Diagnostic } from './errors.js';

export interface TemplateSources {
  /** Path for messages -> template text. Keys: deck.hbs, index.hbs, layouts/x.hbs, partials/y.hbs. */
  files: Map<string, string>;
  /** How to show a template's path in a message (e.g. templates/layouts/x.hbs). */
  displayPath: (name: string) => string;
}

export interface Templates {
  layouts: string[];
  renderLayout(name: string, context: object): string;
  renderDeck(context: object): string;
  renderIndex(context: object): string;
}

/** Compile every template up front so that a syntax error in any of them is reported at once. */
export async function compileTemplates(sources: TemplateSources): Promise<{ templates?: Templates; diagnostics: Diagnostic[] }> {
  // Loaded when first needed, so that a build starts Chromium before loading it (~50 ms).
  const { default: Handlebars } = await import('handlebars');
  const hb = Handlebars.create();
  const diagnostics: Diagnostic[] = [];
  const compiled = new Map<string, TemplateDelegate>();
  for (const [name, text] of [...sources.files].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      hb.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
      const detail = message.split('\n').at(-1) ?? message;
      diagnostics.push(error(sources.displayPath(name), line, `Handlebars syntax error: ${detail}`));
      continue;
    }
    if (name.startsWith('partials/')) hb.registerPartial(name.slice(9, -4), text);
    else compiled.set(name, hb.compile(text, { strict: false, preventIndent: true }));
  }
  for (const required of ['deck.hbs', 'index.hbs', 'layouts/default.hbs']) {
    if (!sources.files.has(required)) diagnostics.push(error(sources.displayPath(required), 0, 'template is missing; restore it from the Kamishibai repository'));
  }
  if (diagnostics.length > 0) return { diagnostics };

  const layouts = [...compiled.keys()].filter((k) => k.startsWith('layouts/')).map((k) => k.slice(8, -4));
  const run = (name: string, context: object) => compiled.get(name)!(context, { allowProtoPropertiesByDefault: false });
  return {
    diagnostics,
    templates: {
      layouts,
      renderLayout: (name, context) => run(`layouts/${name}.hbs`, context),
      renderDeck: (context) => run('deck.hbs', context),
      renderIndex: (context) => run('index.hbs', context),
    },
  };
}

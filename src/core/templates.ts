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

/** Each template as Handlebars' precompiled spec (JavaScript source), or the problems found. */
export interface PrecompiledTemplates {
  specs?: Map<string, string>;
  diagnostics: Diagnostic[];
}

const OPTIONS = { strict: false, preventIndent: true };

/** Compile every template up front so that a syntax error in any of them is reported at once. */
export async function compileTemplates(sources: TemplateSources): Promise<{ templates?: Templates; diagnostics: Diagnostic[] }> {
  const { specs, diagnostics } = await precompileTemplates(sources);
  return specs ? { templates: await templatesFromSpecs(specs), diagnostics } : { diagnostics };
}

/**
 * Every template and partial precompiled, as Handlebars' compiler writes them for the runtime.
 * The node layer keeps these in its cache: a build whose templates did not change loads only
 * Handlebars' runtime (~13 ms, not ~47 ms for the compiler) and compiles nothing (~35 ms).
 */
export async function precompileTemplates(sources: TemplateSources): Promise<PrecompiledTemplates> {
  const { default: Handlebars } = await import('handlebars');
  const diagnostics: Diagnostic[] = [];
  const specs = new Map<string, string>();
  for (const [name, text] of [...sources.files].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      specs.set(name, Handlebars.precompile(text, OPTIONS) as string);
    } catch (e) {
      const message = (e as Error).message;
      const line = Number(/line (\d+)/.exec(message)?.[1] ?? 1);
      const detail = message.split('\n').at(-1) ?? message;
      diagnostics.push(error(sources.displayPath(name), line, `Handlebars syntax error: ${detail}`));
    }
  }
  for (const required of ['deck.hbs', 'index.hbs', 'layouts/default.hbs']) {
    if (!sources.files.has(required)) diagnostics.push(error(sources.displayPath(required), 0, 'template is missing; restore it from the Kamishibai repository'));
  }
  return diagnostics.length > 0 ? { diagnostics } : { specs, diagnostics };
}

/** The templates made from precompiled specs, on Handlebars' runtime alone. */
export async function templatesFromSpecs(specs: Map<string, string>): Promise<Templates> {
  // Loaded when first needed, so that a build starts Chromium before loading it.
  // Typed as the whole of Handlebars: its runtime.d.ts declares nothing, and the runtime has the same API less compile.
  const { default: Runtime } = (await import('handlebars/runtime.js')) as unknown as { default: typeof import('handlebars') };
  const hb = Runtime.create();
  // A spec is JavaScript for an object (what `handlebars --precompile` writes into a .js file), evaluated as such.
  const template = (spec: string) => hb.template(new Function(`return ${spec}`)() as Parameters<typeof hb.template>[0]);
  const compiled = new Map<string, TemplateDelegate>();
  for (const [name, spec] of specs) {
    if (name.startsWith('partials/')) hb.registerPartial(name.slice(9, -4), template(spec));
    else compiled.set(name, template(spec));
  }
  const layouts = [...compiled.keys()].filter((k) => k.startsWith('layouts/')).map((k) => k.slice(8, -4));
  const run = (name: string, context: object) => compiled.get(name)!(context, { allowProtoPropertiesByDefault: false });
  return {
    layouts,
    renderLayout: (name, context) => run(`layouts/${name}.hbs`, context),
    renderDeck: (context) => run('deck.hbs', context),
    renderIndex: (context) => run('index.hbs', context),
  };
}

// The console's SQL editor: CodeMirror 6 with DuckDB's dialect, completions
// from the workspace and from DuckDB, the run keys, and the place of an error
// marked in the text.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { EditorState, Compartment, Prec, StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection, type DecorationSet } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { schemaCompletionSource, sql } from '@codemirror/lang-sql';
import type { SQLNamespace } from '@codemirror/lang-sql';
import { DuckDB, engineCompletionResult } from './completion.js';
import type { Completion as EngineCompletion } from '../../../shared/console.js';

/** How much text before the cursor DuckDB's completer is given. */
const COMPLETE_CONTEXT = 20_000;

export type RunMode = 'statement' | 'all';

export interface SqlEditorHandle {
  text(): string;
  /** The selected text's range, or null when nothing is selected. */
  selection(): { from: number; to: number } | null;
  cursor(): number;
  replace(text: string): void;
  /** Marks [from, to) as where the last run failed; null clears. */
  markError(range: { from: number; to: number } | null): void;
  focus(): void;
}

interface SqlEditorProps {
  initial: string;
  /** The workspace's tables; null while they are still being read. */
  schema: SQLNamespace | null;
  complete: (textBeforeCursor: string) => Promise<EngineCompletion[]>;
  onChange: (text: string) => void;
  onRun: (mode: RunMode) => void;
  onFormat: () => void;
  label: string;
}

const setError = StateEffect.define<{ from: number; to: number } | null>();
const errorMark = Decoration.mark({ class: 'cm-sql-error' });
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) {
      if (effect.is(setError)) {
        const range = effect.value;
        next = range && range.to > range.from ? Decoration.set([errorMark.range(range.from, range.to)]) : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(
  { initial, schema, complete, onChange, onRun, onFormat, label },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageCompartment = useRef(new Compartment());
  // The latest callbacks, for key bindings made once.
  const callbacks = useRef({ complete, onChange, onRun, onFormat });
  callbacks.current = { complete, onChange, onRun, onFormat };

  // DuckDB's completions for the text before the cursor (bounded).
  const engineSource = useRef(async (context: CompletionContext): Promise<CompletionResult | null> => {
    const word = context.matchBefore(/[\w$]*/);
    if (!context.explicit && (!word || word.from === word.to)) return null;
    const base = Math.max(0, context.pos - COMPLETE_CONTEXT);
    const suggestions = await callbacks.current.complete(context.state.sliceDoc(base, context.pos));
    return context.aborted ? null : engineCompletionResult(suggestions, base);
  });
  const language = (namespace: SQLNamespace) => [
    sql({ dialect: DuckDB, schema: namespace, upperCaseKeywords: true }),
    autocompletion({ override: [schemaCompletionSource({ dialect: DuckDB, schema: namespace, upperCaseKeywords: true }), engineSource.current] }),
  ];

  useEffect(() => {
    const runKeys = Prec.highest(
      keymap.of([
        { key: 'Mod-Enter', run: () => (callbacks.current.onRun('statement'), true) },
        { key: 'Shift-Mod-Enter', run: () => (callbacks.current.onRun('all'), true) },
        { key: 'Shift-Alt-f', run: () => (callbacks.current.onFormat(), true) },
      ]),
    );
    const editor = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initial,
        extensions: [
          runKeys,
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          syntaxHighlighting(defaultHighlightStyle),
          languageCompartment.current.of(language(schema ?? {})),
          keymap.of([...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
          errorField,
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'sql-editor' }),
        ],
      }),
    });
    view.current = editor;
    return () => editor.destroy();
    // The editor is made once per tab; the schema is swapped in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: languageCompartment.current.reconfigure(language(schema ?? {})) });
    // Said on the element once the editor completes from the tables (tests wait for it before typing).
    if (host.current) host.current.dataset.schema = schema ? 'ready' : 'loading';
  }, [schema]);

  useImperativeHandle(ref, () => ({
    text: () => view.current?.state.doc.toString() ?? '',
    selection: () => {
      const main = view.current?.state.selection.main;
      return main && main.from !== main.to ? { from: main.from, to: main.to } : null;
    },
    cursor: () => view.current?.state.selection.main.head ?? 0,
    replace: (text) => {
      const editor = view.current;
      if (editor) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    },
    markError: (range) => {
      const editor = view.current;
      if (!editor) return;
      const clamped = range && { from: Math.min(range.from, editor.state.doc.length), to: Math.min(range.to, editor.state.doc.length) };
      editor.dispatch({ effects: setError.of(clamped), ...(clamped ? { selection: { anchor: clamped.from }, scrollIntoView: true } : {}) });
    },
    focus: () => view.current?.focus(),
  }));

  return <div className="sql-editor" ref={host} />;
});

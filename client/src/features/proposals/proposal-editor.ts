import { Editor } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import StarterKit from '@tiptap/starter-kit';
import * as Y from 'yjs';
import { PROPOSAL_BODY, type DocumentCredentials } from '../../../../shared/board-doc';
import type { LinkState } from '../board/link-state';
import { cursorColour } from '../board/presence';
import { YjsLink } from '../board/yjs-link';

/** Without a key, a mouse move or a selection for this long, the cursor is withdrawn from the others' screens. */
const IDLE_AFTER_MS = 60_000;

/** The formats of the toolbar, by the name tiptap gives them. */
export type ProposalFormat = 'bold' | 'bulletList' | 'orderedList';

export interface ProposalEditorOptions {
  element: HTMLElement;
  docName: string;
  credentials: DocumentCredentials;
  /** The name on this person's cursor: their pseudonym, or « Participant·e ». */
  name: string;
  editable: boolean;
  /** Accessible name of the text area. */
  label: string;
  onLink(state: LinkState): void;
  /** Something changed that the toolbar shows (formats at the caret, undo). */
  onChange(): void;
}

/**
 * A proposal's rich text, co-written live: tiptap (StarterKit: paragraphs, bold, lists…) bound to the
 * `body` fragment of the proposal's Yjs document, with the others' cursors labelled with their names.
 * The cursor is published only while the editor has the focus and is in use; the rest of the time
 * this page publishes nothing. Loaded only when a proposal is opened.
 */
export class ProposalEditor {
  readonly editor: Editor;
  readonly #doc = new Y.Doc();
  readonly #link: YjsLink;
  readonly #user: { name: string; color: string };
  readonly #element: HTMLElement;
  #idle: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ProposalEditorOptions) {
    this.#element = options.element;
    this.#link = new YjsLink(options.docName, options.credentials, this.#doc, options.onLink);
    this.#user = { name: options.name, color: cursorColour(this.#doc.clientID) };
    const provider = this.#link.provider;
    this.editor = new Editor({
      element: options.element,
      editable: options.editable,
      extensions: [
        StarterKit.configure({ undoRedo: false, link: false, underline: false }),
        Collaboration.configure({ document: this.#doc, field: PROPOSAL_BODY }),
        CollaborationCaret.configure({ provider, user: this.#user }),
      ],
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': options.label,
          class: 'proposal-text',
        },
      },
    });
    // The caret extension sets a state when it starts; nothing is published until the person writes.
    this.#link.publish(null);
    // Capture phase: the state exists before the cursor plugin's own focus listener publishes the caret.
    options.element.addEventListener('focusin', this.#focus, true);
    this.editor.on('blur', () => this.#sleep());
    this.editor.on('transaction', () => options.onChange());
    for (const event of ['keydown', 'pointerdown', 'input'] as const) options.element.addEventListener(event, this.#activity);
  }

  setEditable(editable: boolean): void {
    if (this.editor.isEditable !== editable) this.editor.setEditable(editable, false);
    if (editable) this.#link.clearDenied();
    else this.#sleep();
  }

  isActive(format: ProposalFormat): boolean {
    return this.editor.isActive(format);
  }

  toggle(format: ProposalFormat): void {
    const chain = this.editor.chain().focus();
    if (format === 'bold') chain.toggleBold().run();
    else if (format === 'bulletList') chain.toggleBulletList().run();
    else chain.toggleOrderedList().run();
  }

  undo(): void {
    this.editor.chain().focus().undo().run();
  }

  redo(): void {
    this.editor.chain().focus().redo().run();
  }

  /** The text as plain words (for a quick check that something was written). */
  get text(): string {
    return this.editor.getText();
  }

  destroy(): void {
    clearTimeout(this.#idle);
    for (const event of ['keydown', 'pointerdown', 'input'] as const) this.#element.removeEventListener(event, this.#activity);
    this.#element.removeEventListener('focusin', this.#focus, true);
    this.editor.destroy();
    this.#link.destroy();
    this.#doc.destroy();
  }

  readonly #activity = (): void => {
    if (!this.editor.isFocused || !this.editor.isEditable) return;
    if (this.#link.awareness.getLocalState() === null) this.#awake();
    else this.#restartIdle();
  };

  readonly #focus = (): void => this.#awake();

  /**
   * Shows this person's name to the others while they write; the cursor plugin adds the caret itself
   * (on focus, and on every change of the selection).
   */
  #awake(): void {
    if (!this.editor.isEditable) return;
    this.#link.publish({ user: this.#user });
    this.#restartIdle();
  }

  #sleep(): void {
    clearTimeout(this.#idle);
    if (this.#link.awareness.getLocalState() !== null) this.#link.publish(null);
  }

  #restartIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => this.#sleep(), IDLE_AFTER_MS);
  }
}

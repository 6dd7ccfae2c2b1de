import type { LiveConnection } from '../../lib/live/live-connection.svelte';
import { ProposalsState } from '../proposals/proposals-state.svelte';
import { defineFeature, type FeatureState } from '../registry';
import { BoardState } from './board-state.svelte';
import FacilitatorBoard from './FacilitatorBoard.svelte';
import ParticipantBoard from './ParticipantBoard.svelte';
import ProjectionBoard from './ProjectionBoard.svelte';

/**
 * The shared board and the proposals written from it, on one connection: the two go together (a card
 * becomes a proposal), so they form one feature with one console section.
 */
export class BoardWorkspace implements FeatureState {
  readonly current = false;
  readonly board: BoardState;
  readonly proposals: ProposalsState;

  constructor(connection: LiveConnection) {
    this.board = new BoardState(connection);
    this.proposals = new ProposalsState(connection);
  }

  /**
   * The projection shows the board and the proposals when there are some, or the text of the proposal
   * the facilitator shows, when no activity holds the stage.
   */
  get onStage(): boolean {
    return this.board.stageFree && (this.board.cardCount > 0 || this.proposals.list.length > 0 || this.proposals.shown !== null);
  }

  dispose(): void {
    this.board.dispose();
    this.proposals.dispose();
  }
}

/** Board and proposals: a permanent panel on phones and on the projection, and a console section. */
export const boardFeature = defineFeature({
  id: 'board',
  create: (connection) => new BoardWorkspace(connection),
  participantPanel: ParticipantBoard,
  projectionPanel: ProjectionBoard,
  facilitator: { label: 'board.section', component: FacilitatorBoard },
});

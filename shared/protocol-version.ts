/** Version of the socket.io and HTTP protocol described in docs/API.md. Bumped on any breaking change. */
export const PROTOCOL_VERSION = 1;

/**
 * Largest socket.io frame the server accepts. The biggest message of the protocol is a poll
 * definition (question + 20 choices of 200 characters) or a written contribution (500 characters),
 * a few KiB once JSON-encoded; 64 KiB leaves room without letting a client make the server buffer megabytes.
 * A frame above this closes the connection (socket.io's `maxHttpBufferSize`).
 */
export const MAX_SOCKET_FRAME_BYTES = 64 * 1024;

/** Largest payload of a single event, checked before parsing; above it the ack answers `payload_too_large`. */
export const MAX_EVENT_PAYLOAD_BYTES = 16 * 1024;

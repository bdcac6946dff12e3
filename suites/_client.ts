/**
 * Fragments of the client cases (`smtpspec serve-cases`): the harness is the server and
 * the command under test the client. A client case has no steps; its `client` says how
 * the server answers and what the client must do (harness/scenario/types.ts ClientCase).
 */

/** EHLO keywords of a server without PIPELINING. */
export const WITHOUT_PIPELINING = ['SIZE 10485760', '8BITMIME', 'ENHANCEDSTATUSCODES'];

/**
 * The exit statuses every command shares (design.md "Command-line contract"): 0 and 1 are
 * each command's verdict; these two mean the same whichever command ran.
 */

/** Bad usage, bad configuration, an unreachable target or an internal error. */
export const EXIT_USAGE = 2;

/** Interrupted by Ctrl-C or SIGTERM (128 + SIGINT, as shells report it). */
export const EXIT_INTERRUPTED = 130;

//! Pass: people after a cue — a title, a nationality used as a noun, a verb of saying, a
//! known given name or a kunya. At each free token the cues are tried in the order of
//! `CUES`; the first that takes the token decides where the scan goes on.

use super::state::State;
use super::{after_nationality, after_speech_verb, after_title, given_name, in_apposition};
use super::{Cover, MentionFinder};

/// A cue at token `i`: where the scan goes on if it took the token (with or without
/// finding a name), or `None` to let the next cue try.
pub(super) type Cue = fn(&MentionFinder, &mut State, usize) -> Option<usize>;

/// The cues in order: a title decides first (a title followed by a given name is the
/// title's name), then a nationality, a verb of saying, a name between commas after an
/// office, and a given name alone last (it is the weakest cue: the others may start with
/// one).
const CUES: [Cue; 5] = [
    after_title::at,
    after_nationality::at,
    after_speech_verb::at,
    in_apposition::at,
    given_name::at,
];

pub(super) fn run(f: &MentionFinder, s: &mut State) {
    let mut i = 0;
    while i < s.doc.tokens.len() {
        if s.doc.token_excluded(i) || s.out.cover[i] != Cover::Free {
            i += 1;
            continue;
        }
        i = CUES.iter().find_map(|cue| cue(f, s, i)).unwrap_or(i + 1);
    }
}

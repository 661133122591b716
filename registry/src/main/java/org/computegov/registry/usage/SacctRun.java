package org.computegov.registry.usage;

import java.util.Optional;
import org.computegov.registry.runs.RunDeclaration;

/**
 * The training run an sacct job belongs to, which the job names itself: a word {@code run=<developer>/<run>} in its
 * Comment ({@code sbatch --comment "run=bio-lab/protein-1"}; Slurm keeps comments with
 * {@code AccountingStoreFlags=job_comment}) or its WCKey ({@code sbatch --wckey run=bio-lab/protein-1}; with
 * {@code TrackWCKey=yes}). Words are separated by white space, commas or semicolons, so a comment may say more.
 * {@code <developer>/<run>} is the registry's run id, as {@code cgov runs declare} registers it; both parts use the
 * statement-id alphabet {@code [A-Za-z0-9._:-]}.
 */
final class SacctRun {
    static final String PREFIX = "run=";

    private SacctRun() {}

    /**
     * The run named by the Comment or WCKey (either may be empty), or empty when neither names one.
     *
     * @throws LineProblem when a {@code run=} word is malformed, or the two fields name different runs
     */
    static Optional<String> of(String comment, String wckey) throws LineProblem {
        String fromComment = find("Comment", comment);
        String fromKey = find("WCKey", wckey.startsWith("*") ? wckey.substring(1) : wckey);
        if (fromComment != null && fromKey != null && !fromComment.equals(fromKey)) {
            throw new LineProblem("WCKey", "names run " + fromKey + " but the Comment names " + fromComment);
        }
        return Optional.ofNullable(fromComment != null ? fromComment : fromKey);
    }

    private static String find(String field, String value) throws LineProblem {
        if (value.isEmpty() || !value.contains(PREFIX)) {
            return null;
        }
        String found = null;
        for (String word : value.split("[\\s,;]+")) {
            if (!word.startsWith(PREFIX)) {
                continue;
            }
            String run = word.substring(PREFIX.length());
            int slash = run.indexOf('/');
            if (slash <= 0 || slash == run.length() - 1
                    || !RunDeclaration.ID.matcher(run.substring(0, slash)).matches()
                    || !RunDeclaration.ID.matcher(run.substring(slash + 1)).matches()) {
                throw new LineProblem(field, "'" + word + "' does not name a run as run=<developer>/<run>"
                        + " (letters, digits and . _ : - on each side), e.g. run=bio-lab/protein-1");
            }
            if (found != null && !found.equals(run)) {
                throw new LineProblem(field, "names two runs, " + found + " and " + run);
            }
            found = run;
        }
        return found;
    }
}

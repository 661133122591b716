package org.computegov.ledger.witness;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.computegov.ledger.note.NoteSignature;

/**
 * The outcome of a tlog-witness {@code add-checkpoint} call, one case per HTTP status the spec
 * assigns, with the response body and content type to send.
 */
public sealed interface AddCheckpointResult {
    /** Returns the HTTP status code. */
    int status();

    /** Returns the response body. */
    byte[] body();

    /** Returns the response content type. */
    default String contentType() {
        return "text/plain; charset=utf-8";
    }

    /** 200: the checkpoint was cosigned; the body is the cosignature lines. */
    record Cosigned(List<NoteSignature> cosignatures) implements AddCheckpointResult {
        public Cosigned {
            if (cosignatures.isEmpty()) {
                throw new IllegalArgumentException("at least one cosignature");
            }
            cosignatures = List.copyOf(cosignatures);
        }

        @Override
        public int status() {
            return 200;
        }

        @Override
        public byte[] body() {
            StringBuilder sb = new StringBuilder();
            cosignatures.forEach(c -> sb.append(c.line()));
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** 400: malformed request, or old size greater than the checkpoint size. */
    record BadRequest(String reason) implements AddCheckpointResult {
        @Override
        public int status() {
            return 400;
        }

        @Override
        public byte[] body() {
            return (reason + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** 403: no valid signature from a key the witness trusts for the origin, or a bad one. */
    record Forbidden(String reason) implements AddCheckpointResult {
        @Override
        public int status() {
            return 403;
        }

        @Override
        public byte[] body() {
            return (reason + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** 404: the witness does not know the checkpoint's origin. */
    record UnknownLog(String origin) implements AddCheckpointResult {
        @Override
        public int status() {
            return 404;
        }

        @Override
        public byte[] body() {
            return ("unknown log origin\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** 409: the old size is not the latest size the witness cosigned; the body tells that size. */
    record Conflict(long latestSize) implements AddCheckpointResult {
        @Override
        public int status() {
            return 409;
        }

        @Override
        public byte[] body() {
            return (latestSize + "\n").getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public String contentType() {
            return "text/x.tlog.size";
        }
    }

    /** 422: bad consistency proof, same size with another root, or a bad empty-tree root. */
    record Unprocessable(String reason) implements AddCheckpointResult {
        @Override
        public int status() {
            return 422;
        }

        @Override
        public byte[] body() {
            return (reason + "\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}

package org.computegov.server.console;

import java.nio.charset.StandardCharsets;
import org.computegov.console.ConsoleLog;
import org.computegov.server.ApiProblem;
import org.computegov.server.log.LogService;
import org.computegov.server.log.Receipt;

/** The server's log as the console reads it: the same receipts and checkpoints the log's API serves. */
public final class ServerConsoleLog implements ConsoleLog {
    private final LogService log;
    private final String verifierKey;

    public ServerConsoleLog(LogService log, String verifierKey) {
        this.log = log;
        this.verifierKey = verifierKey;
    }

    @Override
    public long size() {
        return log.state().size();
    }

    @Override
    public String checkpoint() {
        try {
            return new String(log.checkpoint(), StandardCharsets.UTF_8);
        } catch (ApiProblem notYetWitnessed) {
            return null;
        }
    }

    @Override
    public String verifierKey() {
        return verifierKey;
    }

    @Override
    public Entry entry(long index) throws Exception {
        Receipt r = log.receipt(index);
        return new Entry(index, log.entry(index), r.leafHash(), r.checkpoint(), r.inclusionProof());
    }
}

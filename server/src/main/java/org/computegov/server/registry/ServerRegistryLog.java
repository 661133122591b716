package org.computegov.server.registry;

import org.computegov.registry.kernel.RegistryLog;
import org.computegov.server.ApiProblem;
import org.computegov.server.log.LogService;

/** The server's transparency log as the registry writes and replays it. */
public record ServerRegistryLog(LogService log) implements RegistryLog {
    @Override
    public long append(byte[] entry) throws ApiProblem {
        return log.appendVerified(entry);
    }

    @Override
    public long size() {
        return log.state().size();
    }

    @Override
    public void read(long from, long to, EntryVisitor visitor) throws Exception {
        log.forEachEntry(from, to, visitor::entry);
    }
}

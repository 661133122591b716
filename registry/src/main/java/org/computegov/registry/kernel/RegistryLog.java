package org.computegov.registry.kernel;

/** The transparency log as the registry needs it; the server's log implements it. */
public interface RegistryLog {
    /** Appends an entry durably and returns its index. */
    long append(byte[] entry) throws Exception;

    /** The number of entries in the log. */
    long size();

    /** Visits entries [from, to) in order. */
    void read(long from, long to, EntryVisitor visitor) throws Exception;

    interface EntryVisitor {
        void entry(long index, byte[] bytes) throws Exception;
    }
}

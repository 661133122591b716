package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** What applying one statement did: a summary for the submitter and the notices it raised. */
public final class Effects {
    private final ObjectNode summary = Json.MAPPER.createObjectNode();
    private final List<Notice> notices = new ArrayList<>();
    private boolean rebuild;

    public ObjectNode summary() {
        return summary;
    }

    public void notice(Notice notice) {
        notices.add(notice);
    }

    /** Set by the kernel when a statement discounts earlier ones (a key compromise): the projection is rebuilt. */
    void requireRebuild() {
        rebuild = true;
    }

    boolean rebuild() {
        return rebuild;
    }

    public List<Notice> notices() {
        return List.copyOf(notices);
    }
}

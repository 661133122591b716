package org.computegov.registry.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;

/** JSON for reads and summaries: one mapper, and result rows copied into objects by column label. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Copies a result row into a JSON object by column label (timestamps as RFC 3339, nulls left out). */
    public static ObjectNode row(ResultSet rs, ObjectNode o) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnLabel(i);
            Object value = rs.getObject(i);
            if (value == null) {
                continue;
            }
            if (value instanceof Timestamp t) {
                o.put(name, t.toInstant().toString());
            } else if (value instanceof java.sql.Date d) {
                o.put(name, d.toLocalDate().toString());
            } else if (value instanceof java.sql.Array a) {
                ArrayNode arr = o.putArray(name);
                for (Object x : (Object[]) a.getArray()) {
                    arr.add(String.valueOf(x));
                }
            } else if (value instanceof Number n) {
                if (n instanceof Double || n instanceof Float || n instanceof java.math.BigDecimal) {
                    o.put(name, n.doubleValue());
                } else {
                    o.put(name, n.longValue());
                }
            } else if (value instanceof Boolean b) {
                o.put(name, b);
            } else {
                o.put(name, value.toString());
            }
        }
        return o;
    }
}

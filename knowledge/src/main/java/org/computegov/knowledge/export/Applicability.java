package org.computegov.knowledge.export;

/** Which chips a clause or remark speaks of, by whether they are designed or marketed for data centres. */
public enum Applicability {
    ANY, DATA_CENTRE, NON_DATA_CENTRE;

    public boolean covers(boolean dataCentre) {
        return this == ANY || (this == DATA_CENTRE) == dataCentre;
    }

    static Applicability parse(String text) {
        return switch (text.strip()) {
            case "", "any" -> ANY;
            case "data-centre" -> DATA_CENTRE;
            case "non-data-centre" -> NON_DATA_CENTRE;
            default -> throw new IllegalArgumentException("unknown applicability '" + text + "'");
        };
    }
}

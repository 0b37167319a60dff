package dev.takedown.core.testing;

import dev.takedown.core.model.Figures;
import dev.takedown.core.ports.FiguresStore;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

public final class InMemoryFiguresStore implements FiguresStore {
    private static final String PLATFORM = "";

    private final Map<String, TreeMap<LocalDate, Figures>> days = new HashMap<>();
    private int writes;

    @Override
    public synchronized void add(String rightholderId, LocalDate day, Figures delta) {
        addTo(PLATFORM, day, delta);
        if (rightholderId != null) {
            addTo(rightholderId, day, delta);
        }
    }

    private void addTo(String scope, LocalDate day, Figures delta) {
        writes++;
        days.computeIfAbsent(scope, k -> new TreeMap<>()).merge(day, delta, Figures::plus);
    }

    @Override
    public synchronized Figures platform(LocalDate from, LocalDate to) {
        return sum(PLATFORM, from, to);
    }

    @Override
    public synchronized Figures rightholder(String rightholderId, LocalDate from, LocalDate to) {
        return sum(rightholderId, from, to);
    }

    /** Writes made so far: one per scope and call. */
    public synchronized int writes() {
        return writes;
    }

    private Figures sum(String scope, LocalDate from, LocalDate to) {
        Figures sum = Figures.NONE;
        for (Figures day : days.getOrDefault(scope, new TreeMap<>()).subMap(from, true, to, true).values()) {
            sum = sum.plus(day);
        }
        return sum;
    }
}

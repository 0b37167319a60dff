package dev.takedown.console;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Text made safe for HTML: everything shown in the widget that came from a notice, a listing or a form is untrusted. */
final class Html {
    private Html() {
    }

    /** Text for an element's content or a double-quoted attribute value. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A link that opens in a new tab, without handing the opened page a reference to the dashboard; only absolute
     * http(s) URLs become links (no {@code javascript:}, {@code data:} or relative URLs), anything else is shown as text.
     */
    static String link(String url, String text) {
        if (!isWebUrl(url)) {
            return "<span class=\"unlinked\" title=\"not an http(s) URL\">" + escape(text) + "</span>";
        }
        return "<a href=\"" + escape(url) + "\" target=\"_blank\" rel=\"noopener noreferrer\">" + escape(text) + "</a>";
    }

    static boolean isWebUrl(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** At most {@code max} characters, marked when cut. */
    static String shortened(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…";
    }
}

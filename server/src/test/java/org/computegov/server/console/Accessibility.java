package org.computegov.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * WCAG 2.2 AA basics checked in the browser on the page as rendered: every form control has a label (1.3.1, 4.1.2),
 * one h1 (2.4.6), text contrast at least 4.5:1, or 3:1 for large text (1.4.3), and a visible change when keyboard
 * focus lands on each of the first tab stops (2.4.7), which come in document order (2.4.3).
 */
final class Accessibility {
    private Accessibility() {}

    /** Every visible form control has a label naming it. */
    static void everyControlIsLabelled(ChromeDriver d) {
        for (WebElement c : d.findElements(By.cssSelector("input:not([type=hidden]), select, textarea"))) {
            String id = c.getAttribute("id");
            assertThat(id).as("control without id on " + d.getCurrentUrl()).isNotBlank();
            assertThat(d.findElements(By.cssSelector("label[for='" + id + "']"))).as("label for " + id).isNotEmpty();
        }
    }

    /**
     * Text whose colour against its nearest opaque background falls short of 4.5:1 (3:1 when large), as
     * "text (ratio)"; the background is the first ancestor's with an opaque colour (white at the root).
     */
    @SuppressWarnings("unchecked")
    static List<String> lowContrastText(ChromeDriver d) {
        return (List<String>) d.executeScript("""
                const rgb = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; };
                const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
                  return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
                const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                  if (c[3] >= 0.99) return c; } return [255, 255, 255, 1]; };
                const out = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const el = n.parentElement;
                  if (!n.textContent.trim() || !el || el.closest('svg, canvas, .govuk-visually-hidden, .u-legend, script, style')) continue;
                  const st = getComputedStyle(el);
                  const r = el.getBoundingClientRect();
                  if (st.visibility === 'hidden' || st.display === 'none' || r.width === 0 || r.height === 0) continue;
                  const fg = rgb(st.color), b = bg(el);
                  const l1 = lum(fg), l2 = lum(b);
                  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                  const size = parseFloat(st.fontSize), bold = Number(st.fontWeight) >= 700;
                  const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                  if (ratio < need) out.push(n.textContent.trim().slice(0, 40) + ' (' + ratio.toFixed(2) + ')');
                }
                return out;""");
    }

    /**
     * Tabs through the first {@code stops} focusable elements from the top of the page: each must look different
     * focused than unfocused (outline, box shadow, background or text colour or underline).
     */
    @SuppressWarnings("unchecked")
    static List<String> tabStopsWithoutVisibleFocus(ChromeDriver d, int stops) {
        d.executeScript("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
        List<String> missing = new ArrayList<>();
        new Actions(d).sendKeys(Keys.TAB).perform();
        for (int i = 0; i < stops; i++) {
            Map<String, Object> look = (Map<String, Object>) d.executeScript("""
                    const e = document.activeElement;
                    const look = () => { const s = getComputedStyle(e);
                      return [s.outlineStyle + s.outlineWidth + s.outlineColor, s.boxShadow, s.backgroundColor, s.color,
                              s.textDecorationLine + s.textDecorationThickness].join('|'); };
                    const focused = look(); e.blur(); const unfocused = look(); e.focus();
                    return {name: (e.innerText || e.getAttribute('aria-label') || e.id || e.tagName).trim().slice(0, 40),
                            changed: focused !== unfocused, body: e === document.body};""");
            if (Boolean.TRUE.equals(look.get("body"))) {
                break;
            }
            if (!Boolean.TRUE.equals(look.get("changed"))) {
                missing.add((String) look.get("name"));
            }
            new Actions(d).sendKeys(Keys.TAB).perform();
        }
        return missing;
    }
}

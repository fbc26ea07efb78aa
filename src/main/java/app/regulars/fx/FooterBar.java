package app.regulars.fx;

import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

import java.util.ArrayList;
import java.util.List;

/**
 * A row of buttons and labels under a page whose buttons keep their labels whole. When the row is
 * short of room for everything at its preferred width (a long filter named in the status, a narrow
 * window, longer words in another language), the buttons given to {@link #iconsWhenShort} show their
 * icon alone, their label as a tooltip, and get their labels back once there is room again; the labels
 * in the row give way last (ending in "…").
 */
public final class FooterBar extends HBox {
    private final List<ButtonBase> shrinking = new ArrayList<>();
    /** What the shrinking buttons' labels added to the row when they were last dropped. */
    private double labelsWidth;
    private boolean iconsOnly;

    public FooterBar(double spacing, Node... children) {
        super(spacing, children);
    }

    /** The buttons that show their icon alone when the row is short of room; they never shrink below their preferred width. */
    public void iconsWhenShort(ButtonBase... buttons) {
        for (ButtonBase b : buttons) {
            b.setMinWidth(Control.USE_PREF_SIZE);
            shrinking.add(b);
        }
        if (iconsOnly) {
            show(true); // the row is short already: the new ones too (their labels are counted at the next drop)
        }
        requestLayout();
    }

    /** Whether the shrinking buttons show their icons alone now. */
    public boolean iconsOnly() {
        return iconsOnly;
    }

    @Override
    protected void layoutChildren() {
        fit();
        super.layoutChildren();
    }

    private void fit() {
        if (shrinking.isEmpty() || getWidth() <= 0) {
            return;
        }
        double need = snappedLeftInset() + snappedRightInset();
        int shown = 0;
        for (Node n : getChildren()) {
            if (n.isManaged()) {
                need += n.prefWidth(-1);
                shown++;
            }
        }
        need += getSpacing() * Math.max(0, shown - 1);
        if (!iconsOnly && need > getWidth()) {
            double before = buttonsWidth();
            show(true);
            labelsWidth = before - buttonsWidth();
        } else if (iconsOnly && need + labelsWidth <= getWidth()) {
            show(false);
        }
    }

    private double buttonsWidth() {
        double sum = 0;
        for (ButtonBase b : shrinking) {
            sum += b.isManaged() ? b.prefWidth(-1) : 0;
        }
        return sum;
    }

    private void show(boolean icons) {
        iconsOnly = icons;
        for (ButtonBase b : shrinking) {
            b.setContentDisplay(icons ? ContentDisplay.GRAPHIC_ONLY : ContentDisplay.LEFT);
            if (icons && b.getTooltip() == null) {
                Tooltip tip = new Tooltip();
                tip.textProperty().bind(b.textProperty());
                b.setTooltip(tip);
            }
        }
    }
}

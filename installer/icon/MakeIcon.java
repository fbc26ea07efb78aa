import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.PathIterator;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The icon of Regulars, drawn from its description below; this program is its source. It writes,
 * beside itself: {@code regulars.svg} (the same drawing as a scalable picture),
 * {@code regulars.png} (256 px: Linux), {@code regulars.ico} (16-256 px: Windows) and
 * {@code regulars.icns} (32-1024 px: macOS). Needs only a JDK (Java2D, headless):
 *
 * <pre>java -Djava.awt.headless=true installer/icon/MakeIcon.java</pre>
 *
 * The drawing, on a 1024 square: a rounded square in tea green, lighter at the top; a cream
 * disc (a cup seen from above, a saucer) with the character 客 ("guest", the 客 of 熟客,
 * regulars) in the bundled Noto Sans SC Bold, in the tea green.
 */
public final class MakeIcon {
    static final double S = 1024;
    static final Color TEA_TOP = new Color(0x3F8F6B);
    static final Color TEA_BOTTOM = new Color(0x1F5F48);
    static final Color CREAM = new Color(0xFBF6EA);
    static final Color RIM = new Color(0xE3D7BC);
    static final Color INK = new Color(0x2A6F55);

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "installer/icon");
        Path font = Path.of(args.length > 1 ? args[1] : "src/main/resources/app/regulars/fonts/NotoSansSC-Bold.ttf");
        Font bold = Font.createFont(Font.TRUETYPE_FONT, font.toFile());

        Shape tile = new RoundRectangle2D.Double(48, 48, S - 96, S - 96, 220, 220);
        Shape disc = new Ellipse2D.Double(172, 172, S - 344, S - 344);
        Shape glyph = glyph(bold, "客", 470);

        Files.writeString(dir.resolve("regulars.svg"), svg(tile, disc, glyph));
        Map<Integer, byte[]> pngs = new LinkedHashMap<>();
        for (int size : new int[] {16, 24, 32, 48, 64, 128, 256, 512, 1024}) {
            pngs.put(size, png(draw(size, tile, disc, glyph)));
        }
        Files.write(dir.resolve("regulars.png"), pngs.get(256));
        Files.write(dir.resolve("regulars.ico"), ico(pngs, 16, 24, 32, 48, 64, 128, 256));
        Files.write(dir.resolve("regulars.icns"), icns(pngs));
        System.out.println("Wrote regulars.svg, .png, .ico and .icns in " + dir);
    }

    /** The character's outline, centred on the square, {@code height} tall. */
    static Shape glyph(Font font, String text, double height) {
        GlyphVector v = font.deriveFont(1000f).createGlyphVector(new FontRenderContext(null, true, true), text);
        Shape outline = v.getOutline();
        Rectangle2D b = outline.getBounds2D();
        double scale = height / b.getHeight();
        AffineTransform t = new AffineTransform();
        t.translate(S / 2, S / 2);
        t.scale(scale, scale);
        t.translate(-b.getCenterX(), -b.getCenterY());
        return new Area(t.createTransformedShape(outline));
    }

    static BufferedImage draw(int size, Shape tile, Shape disc, Shape glyph) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / S, size / S);
        g.setPaint(new GradientPaint(0, 48, TEA_TOP, 0, (float) (S - 48), TEA_BOTTOM));
        g.fill(tile);
        g.setColor(CREAM);
        g.fill(disc);
        g.setColor(RIM);
        g.setStroke(new BasicStroke(18));
        g.draw(disc);
        g.setColor(INK);
        g.fill(glyph);
        g.dispose();
        return image;
    }

    static String svg(Shape tile, Shape disc, Shape glyph) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Made by installer/icon/MakeIcon.java (its source): do not edit, change the program and run it again. -->
                <svg xmlns="http://www.w3.org/2000/svg" width="1024" height="1024" viewBox="0 0 1024 1024">
                  <defs>
                    <linearGradient id="tea" x1="0" y1="48" x2="0" y2="976" gradientUnits="userSpaceOnUse">
                      <stop offset="0" stop-color="%s"/>
                      <stop offset="1" stop-color="%s"/>
                    </linearGradient>
                  </defs>
                  <path fill="url(#tea)" d="%s"/>
                  <path fill="%s" stroke="%s" stroke-width="18" d="%s"/>
                  <path fill="%s" d="%s"/>
                </svg>
                """.formatted(hex(TEA_TOP), hex(TEA_BOTTOM), path(tile), hex(CREAM), hex(RIM), path(disc), hex(INK), path(glyph));
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    static String path(Shape shape) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            switch (type) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_QUADTO -> d.append('Q').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3])).append(' ').append(n(c[4])).append(' ').append(n(c[5]));
                case PathIterator.SEG_CLOSE -> d.append('Z');
                default -> throw new IllegalStateException("segment " + type);
            }
        }
        return d.toString();
    }

    static String n(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A Windows icon: a directory of PNG images (Windows Vista and later read PNG entries). */
    static byte[] ico(Map<Integer, byte[]> pngs, int... sizes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LittleEndian out = new LittleEndian(bytes);
        out.u16(0);
        out.u16(1);
        out.u16(sizes.length);
        int offset = 6 + 16 * sizes.length;
        for (int size : sizes) {
            byte[] png = pngs.get(size);
            out.u8(size >= 256 ? 0 : size);
            out.u8(size >= 256 ? 0 : size);
            out.u8(0);
            out.u8(0);
            out.u16(1);
            out.u16(32);
            out.u32(png.length);
            out.u32(offset);
            offset += png.length;
        }
        for (int size : sizes) {
            bytes.write(pngs.get(size));
        }
        return bytes.toByteArray();
    }

    /** A macOS icon: the PNG entries by their type codes (ic11 is 16 px at 2×: 32 px, and so on). */
    static byte[] icns(Map<Integer, byte[]> pngs) throws IOException {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("ic11", 32);
        types.put("ic12", 64);
        types.put("ic07", 128);
        types.put("ic13", 256);
        types.put("ic08", 256);
        types.put("ic14", 512);
        types.put("ic09", 512);
        types.put("ic10", 1024);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream b = new DataOutputStream(body);
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            byte[] png = pngs.get(e.getValue());
            b.writeBytes(e.getKey());
            b.writeInt(8 + png.length);
            b.write(png);
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        DataOutputStream a = new DataOutputStream(all);
        a.writeBytes("icns");
        a.writeInt(8 + body.size());
        body.writeTo(a);
        return all.toByteArray();
    }

    record LittleEndian(ByteArrayOutputStream out) {
        void u8(int v) {
            out.write(v & 0xff);
        }

        void u16(int v) {
            u8(v);
            u8(v >> 8);
        }

        void u32(int v) {
            u16(v);
            u16(v >> 16);
        }
    }
}

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A build step (run as {@code java UnpackRelocated.java JAR DIR FROM TO}): unpacks a library's jar
 * into the agent's jattachstat-inf/ directory, renaming the package prefix FROM to TO in every
 * class's constant pool.
 *
 * <p>Why: Byte Buddy's jar repackages ASM as net.bytebuddy.jar.asm, yet about a hundred of its
 * classes keep unused class constants naming org.objectweb.asm (Opcodes, ClassWriter). Nothing ever
 * resolves them, but a jar that names classes it does not hold cannot be checked with
 * {@code jdeps --missing-deps}. maven-shade-plugin keeps unused constants as they are; this rewrites
 * every UTF-8 constant, used or not. Class files refer to constants by index, never by byte offset,
 * so constants may change length. Multi-release and module entries are skipped: the agent's loader
 * reads neither.
 */
public final class UnpackRelocated {
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: UnpackRelocated JAR DIR FROM TO (FROM, TO: a/b/c/)");
        }
        Path dir = Path.of(args[1]);
        byte[] from = args[2].getBytes(StandardCharsets.US_ASCII);
        byte[] to = args[3].getBytes(StandardCharsets.US_ASCII);
        int rewritten = 0;
        try (JarFile jar = new JarFile(args[0])) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || name.equals("META-INF/MANIFEST.MF") || name.startsWith("META-INF/versions/")
                        || name.endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = jar.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (name.endsWith(".class")) {
                    byte[] relocated = relocate(bytes, from, to);
                    rewritten += relocated == bytes ? 0 : 1;
                    bytes = relocated;
                }
                Path out = dir.resolve(name);
                Files.createDirectories(out.getParent());
                Files.write(out, bytes);
            }
        }
        System.out.println("UnpackRelocated: " + args[0] + " -> " + dir + ", " + rewritten + " classes named " + args[2]);
    }

    /** The class with FROM replaced by TO in its UTF-8 constants; the same array if none had it. */
    static byte[] relocate(byte[] classFile, byte[] from, byte[] to) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(classFile));
        ByteArrayOutputStream buf = new ByteArrayOutputStream(classFile.length + 256);
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(in.readInt()); // magic
        out.writeInt(in.readInt()); // minor, major
        int count = in.readUnsignedShort();
        out.writeShort(count);
        boolean changed = false;
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            out.writeByte(tag);
            switch (tag) {
                case 1 -> {
                    byte[] utf = in.readNBytes(in.readUnsignedShort());
                    byte[] replaced = replace(utf, from, to);
                    changed |= replaced != utf;
                    out.writeShort(replaced.length);
                    out.write(replaced);
                }
                case 7, 8, 16, 19, 20 -> out.writeShort(in.readUnsignedShort());
                case 15 -> {
                    out.writeByte(in.readUnsignedByte());
                    out.writeShort(in.readUnsignedShort());
                }
                case 3, 4, 9, 10, 11, 12, 17, 18 -> out.writeInt(in.readInt());
                case 5, 6 -> {
                    out.writeLong(in.readLong());
                    i++; // eight-byte constants take two slots
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        if (!changed) {
            return classFile;
        }
        out.write(in.readAllBytes()); // the rest refers to the pool by index only
        return buf.toByteArray();
    }

    private static byte[] replace(byte[] text, byte[] from, byte[] to) {
        ByteArrayOutputStream out = null;
        int copied = 0;
        for (int i = 0; i + from.length <= text.length; i++) {
            if (startsAt(text, i, from)) {
                if (out == null) {
                    out = new ByteArrayOutputStream(text.length + 16);
                }
                out.write(text, copied, i - copied);
                out.write(to, 0, to.length);
                copied = i + from.length;
                i = copied - 1;
            }
        }
        if (out == null) {
            return text;
        }
        out.write(text, copied, text.length - copied);
        return out.toByteArray();
    }

    private static boolean startsAt(byte[] text, int at, byte[] part) {
        for (int j = 0; j < part.length; j++) {
            if (text[at + j] != part[j]) {
                return false;
            }
        }
        return true;
    }
}

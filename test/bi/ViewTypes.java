// The BI suite's JDBC side (test/suites/bi.sh): reads every view of the plan
// model through pgJDBC and prints, per column, the type the driver reports,
// per view the row count and an MD5 of its text values (sorted by their
// UTF-8 bytes, joined by newlines); and calls target_met with setString.
// Usage: java ViewTypes URL views VIEW... | java ViewTypes URL setstring
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.*;
import java.util.*;

public class ViewTypes {
	// java.sql.Types constant name of a type code.
	static String typeName(int code) throws IllegalAccessException {
		for (java.lang.reflect.Field f : Types.class.getFields())
			if (f.getType() == int.class && f.getInt(null) == code)
				return f.getName();
		return Integer.toString(code);
	}

	// MD5 (hex) of the values sorted by UTF-8 bytes, joined by newlines.
	static String md5(List<byte[]> values) throws Exception {
		values.sort(Arrays::compareUnsigned);
		MessageDigest md = MessageDigest.getInstance("MD5");
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) md.update((byte) '\n');
			md.update(values.get(i));
		}
		StringBuilder sb = new StringBuilder();
		for (byte b : md.digest()) sb.append(String.format("%02x", b));
		return sb.toString();
	}

	// Column types, row count and text digest of one view.
	static void view(Connection c, String name) throws Exception {
		try (Statement s = c.createStatement();
		     ResultSet rs = s.executeQuery("SELECT * FROM scorecard." + name)) {
			ResultSetMetaData md = rs.getMetaData();
			for (int i = 1; i <= md.getColumnCount(); i++)
				System.out.println("col|" + name + "|" + md.getColumnName(i) + "|" + md.getColumnTypeName(i)
					+ "|" + typeName(md.getColumnType(i)) + "|" + md.getColumnClassName(i));
			List<byte[]> texts = new ArrayList<>();
			List<byte[]> numbers = new ArrayList<>();
			int rows = 0;
			while (rs.next()) {
				rows++;
				for (int i = 1; i <= md.getColumnCount(); i++) {
					if (md.getColumnTypeName(i).equals("text") && rs.getString(i) != null)
						texts.add(rs.getString(i).getBytes(StandardCharsets.UTF_8));
					// a numeric as an exact decimal, trailing zeros dropped
					if (md.getColumnTypeName(i).equals("numeric") && rs.getBigDecimal(i) != null) {
						BigDecimal d = rs.getBigDecimal(i).stripTrailingZeros();
						numbers.add((d.signum() == 0 ? "0" : d.toPlainString()).getBytes(StandardCharsets.UTF_8));
					}
				}
			}
			System.out.println("rows|" + name + "|" + rows);
			System.out.println("text|" + name + "|" + texts.size() + "|" + md5(texts));
			System.out.println("num|" + name + "|" + numbers.size() + "|" + md5(numbers));
		}
	}

	// target_met and target_gap with the target passed by setString.
	static void setString(Connection c) throws Exception {
		try (PreparedStatement p = c.prepareStatement("SELECT target_met(?, ?), target_gap(?, ?)")) {
			p.setString(1, "growth >= 7%");
			p.setDouble(2, 7.5);
			p.setString(3, "growth >= 7%");
			p.setDouble(4, 5.5);
			try (ResultSet rs = p.executeQuery()) {
				rs.next();
				System.out.println("setstring|ok|" + rs.getBoolean(1) + "|" + rs.getDouble(2));
			}
		} catch (SQLException e) {
			System.out.println("setstring|error|" + e.getSQLState() + "|" + e.getMessage().split("\n")[0]);
		}
	}

	public static void main(String[] args) throws Exception {
		try (Connection c = DriverManager.getConnection(args[0])) {
			if (args[1].equals("setstring"))
				setString(c);
			else
				for (int i = 2; i < args.length; i++)
					view(c, args[i]);
		}
	}
}

/// Kraken-format bodies built from the examples in Kraken's REST documentation (values as the
/// docs print them), shared by the parsing tests and the loopback server.
public enum KrakenFixtures {
    /// `Time` example.
    public static let time = #"{"error":[],"result":{"unixtime":1688669448,"rfc1123":"Thu, 06 Jul 23 18:50:48 +0000"}}"#

    /// `AssetPairs` result members for XBT/USD and ETH/USD, as in the docs' example.
    public static let assetPairsResult = #"""
        {"XETHZUSD":{"altname":"ETHUSD","wsname":"ETH/USD","aclass_base":"currency","base":"XETH",\#
        "aclass_quote":"currency","quote":"ZUSD","lot":"unit","cost_decimals":5,"pair_decimals":2,"lot_decimals":8,\#
        "lot_multiplier":1,"leverage_buy":[2,3,4,5],"leverage_sell":[2,3,4,5],"fees":[[0,0.26],[50000,0.24]],\#
        "fees_maker":[[0,0.16],[50000,0.14]],"fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,\#
        "ordermin":"0.002","costmin":"0.5","tick_size":"0.01","status":"online"},\#
        "XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","aclass_base":"currency","base":"XXBT",\#
        "aclass_quote":"currency","quote":"ZUSD","lot":"unit","cost_decimals":5,"pair_decimals":1,"lot_decimals":8,\#
        "lot_multiplier":1,"leverage_buy":[2,3,4,5],"leverage_sell":[2,3,4,5],"fees":[[0,0.26],[50000,0.24]],\#
        "fees_maker":[[0,0.16],[50000,0.14]],"fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,\#
        "ordermin":"0.0001","costmin":"0.5","tick_size":"0.1","status":"online"}}
        """#

    /// `Ticker` result member for XXBTZUSD, as in the docs' example.
    public static let tickerXBT = #"""
        {"a":["30300.10000","1","1.000"],"b":["30300.00000","1","1.000"],"c":["30303.20000","0.00067643"],\#
        "v":["4083.67001100","4412.73601799"],"p":["30706.77771","30689.13205"],"t":[34619,38907],\#
        "l":["29868.30000","29868.30000"],"h":["31631.00000","31631.00000"],"o":"30502.80000"}
        """#

    /// `Ticker` result member for XETHZUSD (same shape).
    public static let tickerETH = #"""
        {"a":["1870.10","3","3.000"],"b":["1869.90","2","2.000"],"c":["1870.00","0.5"],\#
        "v":["10000.1","12000.2"],"p":["1865.0","1866.0"],"t":[1000,1200],\#
        "l":["1850.00","1850.00"],"h":["1890.00","1890.00"],"o":"1860.00"}
        """#

    /// `Balance` example.
    public static let balance = #"""
        {"error":[],"result":{"ZUSD":"171288.6158","ZEUR":"504861.8946","XXBT":"1011.1908877900",\#
        "XETH":"818.5500000000","USDT":"500000.00000000","DAI":"9999.9999999999"}}
        """#

    /// `AddOrder` example (a limit buy of 1.25 XBTUSD at 27500).
    public static let addOrder = #"""
        {"error":[],"result":{"descr":{"order":"buy 1.25000000 XBTUSD @ limit 27500.0"},"txid":["OU22CG-KLAF2-FWUDD7"]}}
        """#

    /// `QueryOrders` example: a closed buy with one trade.
    public static let queryOrders = #"""
        {"error":[],"result":{"OBCMZD-JIEE7-77TH3F":{"refid":"None","userref":0,"status":"closed","reason":null,\#
        "opentm":1688665496.7808,"closetm":1688665499.1922,"starttm":0,"expiretm":0,"descr":{"pair":"XBTUSD",\#
        "type":"buy","ordertype":"stop-loss-limit","price":"27500.0","price2":"0","leverage":"none",\#
        "order":"buy 1.25000000 XBTUSD @ stop loss 27500.0 -> limit 27500.0","close":""},"vol":"1.25000000",\#
        "vol_exec":"1.25000000","cost":"27526.2","fee":"26.2","price":"27500.0","stopprice":"0.00000",\#
        "limitprice":"0.00000","misc":"","oflags":"fciq","trades":["TZX2WP-XSEOP-FP7WYR"]}}}
        """#

    /// `TradesHistory` example: one buy fill.
    public static let tradesHistory = #"""
        {"error":[],"result":{"count":2346,"trades":{"THVRQM-33VKH-UCI7BS":{"ordertxid":"OQCLML-BW3P3-BUCMWZ",\#
        "postxid":"TKH2SE-M7IF5-CFI7LT","pair":"XXBTZUSD","time":1688667796.8802,"type":"buy","ordertype":"limit",\#
        "price":"30010.00000","cost":"600.20000","fee":"0.00000","vol":"0.02000000","margin":"0.00000","misc":""}}}}
        """#

    /// `OHLC` example: three committed hours and the unfinished fourth.
    public static let ohlc = #"""
        {"error":[],"result":{"XXBTZUSD":[\#
        [1688662800,"30306.1","30306.2","30305.7","30305.7","30306.1","3.39243896",23],\#
        [1688666400,"30305.7","30320.0","30290.0","30310.0","30300.0","5.5",40],\#
        [1688670000,"30310.0","30330.0","30300.0","30320.0","30315.0","2.25",12],\#
        [1688673600,"30320.0","30321.0","30319.0","30320.5","30320.0","0.1",2]],"last":1688670000}}
        """#

    /// Kraken's worked signing example (Spot REST Authentication guide).
    public enum SigningExample {
        /// The guide's private key.
        public static let secret =
            "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg=="
        /// The guide's nonce.
        public static let nonce = "1616492376594"
        /// The guide's encoded payload.
        public static let postData = "nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25"
        /// The guide's URI path.
        public static let path = "/0/private/AddOrder"
        /// The guide's expected `API-Sign`.
        public static let signature =
            "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ=="
    }
}

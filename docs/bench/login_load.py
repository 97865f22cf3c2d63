"""How long after navigation the sign-in form is in the page, in headless
Chromium (docs/BENCHMARKS.md quotes it). Usage, with a portal serving
dist/ at URL and `pip install selenium`: python3 docs/bench/login_load.py URL
"""
import sys, time, statistics
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
url = sys.argv[1]
o = webdriver.ChromeOptions()
o.binary_location = "/usr/bin/chromium"
for a in ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]:
    o.add_argument(a)
times = []
for i in range(16):
    d = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)
    d.get("about:blank")
    d.get(url + "/login")
    WebDriverWait(d, 20, poll_frequency=0.005).until(lambda d: d.find_elements(By.CSS_SELECTOR, "input[type=email]"))
    t = d.execute_script("return performance.now()")
    d.quit()
    if i: times.append(t)  # the first run warms the server's caches
print("login form after navigation: median %.0f ms (min %.0f, max %.0f, %d loads)" % (statistics.median(times), min(times), max(times), len(times)))
